#include "database_fixture.h"

#include <atomic>
#include <span>

#include <pqxx/nontransaction>
#include <pqxx/result>
#include <pqxx/transaction>

#include "clearing/support/record_fixture.h"
#include "store/binary_copy.h"
#include "store/migrations.h"
#include "support/test_paths.h"

namespace cityclear::clearing::testing {
namespace {

constexpr const char* delete_day_statements[] = {
    "DELETE FROM settlement_file_chunk WHERE clearing_day = $1::date",
    "DELETE FROM settlement_file WHERE clearing_day = $1::date",
    "DELETE FROM settlement_position WHERE clearing_day = $1::date",
    "DELETE FROM settlement_rate WHERE clearing_day = $1::date",
    "DELETE FROM settlement_run WHERE clearing_day = $1::date",
    "DELETE FROM record WHERE clearing_day = $1::date",
    "CREATE TEMP TABLE IF NOT EXISTS doomed_raw_file (raw_file_id bigint)",
    "TRUNCATE doomed_raw_file",
    "INSERT INTO doomed_raw_file SELECT raw_file_id FROM batch WHERE clearing_day = $1::date",
    "DELETE FROM batch WHERE clearing_day = $1::date",
    "DELETE FROM raw_file_chunk WHERE raw_file_id IN (SELECT raw_file_id FROM doomed_raw_file)",
    "DELETE FROM raw_file WHERE raw_file_id IN (SELECT raw_file_id FROM doomed_raw_file)",
    "DELETE FROM clearing_day WHERE day = $1::date",
};

constexpr const char* insert_raw_file = R"SQL(
INSERT INTO raw_file (sha256, kind, size_bytes, chunk_count, source, received_at, received_local)
VALUES (sha256(convert_to($1 || gen_random_uuid()::text, 'UTF8')), 'TB1', 0, 0, 'cli', now(), localtimestamp) RETURNING raw_file_id
)SQL";
constexpr const char* insert_batch = R"SQL(
INSERT INTO batch (raw_file_id, acquirer_code, batch_id, status, clearing_day, record_count, received_at, received_local)
VALUES ($1, $2, $3, 'accepted', $4::date, $5, now(), localtimestamp) RETURNING batch_key
)SQL";
constexpr const char* copy_records = R"SQL(
COPY record (clearing_day, batch_key, sequence, reason, card_key, issuer_code, acquirer_code, transaction_type,
             card_counter, balance_before_fen, amount_fen, terminal, terminal_serial, transaction_time, tac)
FROM STDIN (FORMAT binary)
)SQL";

void copy_record(store::BinaryCopyWriter& writer, CivilDate day, int64_t batch_key,
                 const ClearingRecord& record) {
  writer.begin_row(15);
  writer.add_date(days_from_civil(day));
  writer.add_int64(batch_key);
  writer.add_int32(static_cast<int32_t>(record.sequence));
  writer.add_int16(record.reason);
  writer.add_uuid(record.card_key);
  writer.add_int32(static_cast<int32_t>(record.issuer_code));
  writer.add_int32(static_cast<int32_t>(record.acquirer_code));
  writer.add_int16(record.transaction_type);
  writer.add_int32(static_cast<int32_t>(record.card_counter));
  writer.add_int64(record.amount_fen + 1000);
  writer.add_int64(record.amount_fen);
  writer.add_int64(static_cast<int64_t>(record.terminal));
  writer.add_int64(record.terminal_serial);
  writer.add_local_timestamp(record.transaction_local_seconds);
  writer.add_int64(0x12345678);
}

}  // namespace

std::unique_ptr<pqxx::connection> connect_test_database() {
  auto connection = std::make_unique<pqxx::connection>(cityclear::testing::test_database_url());
  store::apply_migrations(*connection, store::embedded_migrations());
  return connection;
}

std::unique_ptr<store::ConnectionPool> make_test_pool(int size) {
  return std::make_unique<store::ConnectionPool>(cityclear::testing::test_database_url(), size,
                                                 30000, 5000);
}

void remove_day(pqxx::connection& connection, CivilDate day) {
  pqxx::work transaction(connection);
  for (const char* statement : delete_day_statements) {
    std::string text = statement;
    if (text.find("$1") == std::string::npos) {
      transaction.exec(text);
    } else {
      transaction.exec_params(text, format_iso_date(day));
    }
  }
  transaction.commit();
}

void insert_batches(pqxx::dbtransaction& transaction, CivilDate day,
                    const std::vector<ClearingRecord>& records) {
  static std::atomic<int64_t> upload_number{0};
  std::map<std::pair<uint32_t, std::string>, std::vector<const ClearingRecord*>> batches;
  for (const auto& record : records)
    batches[{record.acquirer_code, std::string(record.batch_id_text())}].push_back(&record);
  std::map<std::pair<uint32_t, std::string>, int64_t> batch_keys;
  for (const auto& [key, members] : batches) {
    std::string upload = "clearing-test " + format_iso_date(day) + " " + key.second + " " +
                         std::to_string(key.first) + " " + std::to_string(upload_number++) + " " +
                         std::to_string(reinterpret_cast<uintptr_t>(&transaction));
    int64_t raw_file_id = transaction.exec_params1(insert_raw_file, upload)[0].as<int64_t>();
    batch_keys[key] =
        transaction
            .exec_params1(insert_batch, raw_file_id, static_cast<int64_t>(key.first), key.second,
                          format_iso_date(day), static_cast<int64_t>(members.size()))[0]
            .as<int64_t>();
  }
  store::BinaryCopyWriter writer(transaction, copy_records);
  for (const auto& record : records) {
    copy_record(writer, day,
                batch_keys[{record.acquirer_code, std::string(record.batch_id_text())}], record);
  }
  writer.finish();
}

void insert_day_records(pqxx::connection& connection, CivilDate day,
                        const std::vector<ClearingRecord>& records) {
  pqxx::work transaction(connection);
  transaction.exec_params("SELECT cityclear_ensure_day($1::date)", format_iso_date(day));
  insert_batches(transaction, day, records);
  transaction.commit();
}

Config make_clearing_config(const std::filesystem::path& output_dir) {
  Config config;
  config.database.url = cityclear::testing::test_database_url();
  config.output_dir = output_dir;
  config.participants = small_day_participants();
  return config;
}

int64_t count_records(pqxx::connection& connection, CivilDate day) {
  pqxx::nontransaction transaction(connection);
  return transaction
      .exec_params1("SELECT count(*) FROM record WHERE clearing_day = $1::date",
                    format_iso_date(day))[0]
      .as<int64_t>();
}

std::string day_state(pqxx::connection& connection, CivilDate day) {
  pqxx::nontransaction transaction(connection);
  pqxx::result rows = transaction.exec_params("SELECT state FROM clearing_day WHERE day = $1::date",
                                              format_iso_date(day));
  return rows.empty() ? "absent" : rows[0][0].as<std::string>();
}

}  // namespace cityclear::clearing::testing
