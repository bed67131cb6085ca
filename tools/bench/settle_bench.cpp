// cityclear-bench-settle: settlement of one big clearing day, measured.
//
//   cityclear-bench-settle --database-url URL [--records N] [--rejected-per-mille M] [--output DIR]
//   [--reuse]
//
// Creates clearing day 2030-01-01 with N accepted records (default 10,000,000) in batches of
// 2,000 across 30 participants (INSERT ... SELECT generate_series, card keys scattered so the
// sort is real work), VACUUM ANALYZEs the partition as autovacuum would have by settlement time,
// then settles it with the SettlementService and prints elapsed seconds, rows/s, peak RSS and the
// machine. --rejected-per-mille M (default 0) gives M records in every 1000 a reason other than
// 00, so that the reject files have work too. --reuse keeps existing records of that day (when
// there are N) and only undoes the previous settlement. Before the timed settle, the settlement
// tables are emptied (when only the bench day is settled) and a checkpoint is taken. Use a
// database of its own: the day's rows are dropped first.
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <string>
#include <thread>
#include <unistd.h>

#include <pqxx/nontransaction>
#include <pqxx/result>
#include <pqxx/transaction>
#include <spdlog/spdlog.h>

#include "app/progress_bar.h"
#include "clearing/settle_report.h"
#include "clearing/settlement_service.h"
#include "store/migrations.h"

namespace {

using Clock = std::chrono::steady_clock;
constexpr cityclear::CivilDate bench_day{2030, 1, 1};
constexpr int participant_count = 30;
constexpr int64_t records_per_batch = 2000;

// The bench day is fixed, so these statements are fixed too.
constexpr const char* reset_statements[] = {
    "DELETE FROM settlement_file_chunk WHERE clearing_day = '2030-01-01'",
    "DELETE FROM settlement_file WHERE clearing_day = '2030-01-01'",
    "DELETE FROM settlement_position WHERE clearing_day = '2030-01-01'",
    "DELETE FROM settlement_rate WHERE clearing_day = '2030-01-01'",
    "DELETE FROM settlement_run WHERE clearing_day = '2030-01-01'",
};
constexpr const char* drop_day_statements[] = {
    "DROP TABLE IF EXISTS record_20300101",
    "CREATE TEMP TABLE bench_raw_file AS SELECT raw_file_id FROM batch WHERE clearing_day = "
    "'2030-01-01'",
    "DELETE FROM batch WHERE clearing_day = '2030-01-01'",
    "DELETE FROM raw_file WHERE raw_file_id IN (SELECT raw_file_id FROM bench_raw_file)",
    "DELETE FROM clearing_day WHERE day = '2030-01-01'",
    "SELECT cityclear_ensure_day('2030-01-01')",
};
constexpr const char* reopen_day =
    "UPDATE clearing_day SET state = 'open', closed_at = NULL, settled_at = NULL WHERE day = "
    "'2030-01-01'";
constexpr const char* count_day_records = "SELECT count(*) FROM record_20300101";
constexpr const char* insert_batches = R"SQL(
WITH files AS (
  INSERT INTO raw_file (sha256, kind, size_bytes, chunk_count, source, received_at, received_local)
  SELECT sha256(convert_to('cityclear bench ' || g || ' ' || gen_random_uuid(), 'UTF8')), 'TB1', 0, 0, 'cli', now(), localtimestamp
  FROM generate_series(1, $1::int) AS g
  RETURNING raw_file_id)
INSERT INTO batch (raw_file_id, acquirer_code, batch_id, status, clearing_day, record_count, received_at, received_local)
SELECT raw_file_id, 11000001 + (n % 30) * 1000000, 'BENCH' || lpad(n::text, 15, '0'), 'accepted', '2030-01-01', $2::int,
       now(), localtimestamp
FROM (SELECT raw_file_id, row_number() OVER (ORDER BY raw_file_id) - 1 AS n FROM files) AS numbered
)SQL";
// Record i of batch n: i = n * 2000 + sequence - 1; the ASN ((i + 1) * 48271 mod (2^31 - 1)) is
// unique for i < 2^31 - 2 and scatters the card-key order; issuers spread over the 30 codes.
constexpr const char* insert_records = R"SQL(
INSERT INTO record (clearing_day, batch_key, sequence, reason, card_key, issuer_code, acquirer_code, transaction_type,
                    card_counter, balance_before_fen, amount_fen, terminal, terminal_serial, transaction_time, tac)
SELECT '2030-01-01', b.batch_key, s.sequence, CASE WHEN g.i % 1000 < $4::int THEN 1 + (g.i / 1000) % 13 ELSE 0 END,
       (lpad(v.issuer::text, 8, '0') || lpad(v.asn::text, 20, '0') || lpad(to_hex(v.counter), 4, '0'))::uuid,
       v.issuer, b.acquirer_code, 6, v.counter, v.amount + 1000, v.amount, 52983894016 + g.i % 1000, g.i,
       timestamp '2030-01-01 06:00:00' + (g.i % 61200) * interval '1 second', g.i % 4294967296
FROM (SELECT batch_key, acquirer_code, substr(batch_id, 6)::bigint AS n FROM batch
      WHERE clearing_day = '2030-01-01' AND substr(batch_id, 6)::bigint BETWEEN $1::bigint AND $2::bigint) AS b
CROSS JOIN LATERAL generate_series(1, 2000) AS s (sequence)
CROSS JOIN LATERAL (SELECT b.n * 2000 + s.sequence - 1 AS i) AS g
CROSS JOIN LATERAL (SELECT 11000001 + ((g.i * 7 + g.i / 30) % 30) * 1000000 AS issuer,
                           ((g.i + 1) * 48271) % 2147483647 AS asn, (g.i % 65536)::int AS counter,
                           1 + (g.i * 31) % 5000 AS amount) AS v
WHERE g.i < $3::bigint
)SQL";
constexpr const char* vacuum_day = "VACUUM (ANALYZE) record_20300101";
// Before the timed settle, when the bench day is the only settled one: the settlement tables
// emptied (a previous run's GiB of chunks would otherwise be vacuumed by autovacuum during the
// run, or, vacuumed before it, have its pages reused, each page's first change after the
// checkpoint then logging the whole page: in production settled chunks are only ever appended),
// and the dirty buffers of creating or resetting the day written out by a checkpoint.
constexpr const char* only_bench_day_settled =
    "SELECT NOT EXISTS (SELECT 1 FROM settlement_file_chunk "
    "WHERE clearing_day <> '2030-01-01')";
constexpr const char* empty_settlement_tables =
    "TRUNCATE settlement_file_chunk, settlement_file, settlement_position, settlement_rate, "
    "settlement_run";
constexpr const char* checkpoint = "CHECKPOINT";
constexpr const char* other_backends =
    "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> "
    "pg_backend_pid()";

struct Options {
  std::string database_url;
  int64_t records = 10000000;
  int rejected_per_mille = 0;
  std::filesystem::path output_dir = "/tmp/cityclear-bench-settle";
  bool reuse = false;
};

Options parse_options(int argc, char** argv) {
  Options options;
  if (const char* url = std::getenv("CITYCLEAR_DATABASE_URL")) options.database_url = url;
  for (int index = 1; index < argc; ++index) {
    std::string argument = argv[index];
    bool has_value = index + 1 < argc;
    if (argument == "--database-url" && has_value) {
      options.database_url = argv[++index];
    } else if (argument == "--records" && has_value) {
      options.records = std::stoll(argv[++index]);
    } else if (argument == "--rejected-per-mille" && has_value) {
      options.rejected_per_mille = std::stoi(argv[++index]);
    } else if (argument == "--output" && has_value) {
      options.output_dir = argv[++index];
    } else if (argument == "--reuse") {
      options.reuse = true;
    } else {
      std::cerr << "usage: cityclear-bench-settle --database-url URL [--records N] "
                   "[--rejected-per-mille M] "
                   "[--output DIR] [--reuse]\n";
      std::exit(2);
    }
  }
  if (options.database_url.empty() || options.records < 1 || options.rejected_per_mille < 0 ||
      options.rejected_per_mille > 1000) {
    std::cerr << "cityclear-bench-settle: give --database-url (or CITYCLEAR_DATABASE_URL), a "
                 "positive --records and "
                 "--rejected-per-mille from 0 to 1000\n";
    std::exit(2);
  }
  return options;
}

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

void create_day(pqxx::connection& connection, int64_t records, int rejected_per_mille) {
  int64_t batches = (records + records_per_batch - 1) / records_per_batch;
  {
    pqxx::work transaction(connection);
    for (const char* statement : reset_statements) transaction.exec(statement);
    for (const char* statement : drop_day_statements) transaction.exec(statement);
    transaction.exec_params(insert_batches, batches, records_per_batch);
    transaction.commit();
  }
  // A few hundred thousand records per transaction keeps progress visible.
  constexpr int64_t batches_per_step = 100;
  cityclear::app::ProgressBar progress("create day", cityclear::app::OffTerminal::lines);
  progress.update("inserting records", 0, records);
  for (int64_t first = 0; first < batches; first += batches_per_step) {
    pqxx::work transaction(connection);
    transaction.exec0("SET LOCAL synchronous_commit = off");
    transaction.exec_params(insert_records, first, first + batches_per_step - 1, records,
                            rejected_per_mille);
    transaction.commit();
    progress.update("inserting records",
                    std::min(records, (first + batches_per_step) * records_per_batch), records);
  }
  progress.update("vacuum analyze", 0, 0);
  pqxx::nontransaction vacuum(connection);
  vacuum.exec(vacuum_day);
}

void quiet_database(pqxx::connection& connection) {
  pqxx::nontransaction transaction(connection);
  if (transaction.exec1(only_bench_day_settled)[0].as<bool>())
    transaction.exec(empty_settlement_tables);
  transaction.exec(checkpoint);
}

bool reuse_day(pqxx::connection& connection, int64_t records) {
  pqxx::work transaction(connection);
  pqxx::result present = transaction.exec("SELECT to_regclass('record_20300101') IS NOT NULL");
  if (!present[0][0].as<bool>() || transaction.exec1(count_day_records)[0].as<int64_t>() != records)
    return false;
  for (const char* statement : reset_statements) transaction.exec(statement);
  transaction.exec(reopen_day);
  transaction.commit();
  return true;
}

cityclear::Config bench_config(const Options& options) {
  cityclear::Config config;
  config.database.url = options.database_url;
  config.output_dir = options.output_dir;
  for (int index = 0; index < participant_count; ++index) {
    uint32_t code = 11000001 + static_cast<uint32_t>(index) * 1000000;
    config.participants.participants.push_back(
        {code, "City " + std::to_string(index + 1), (index * 7) % 51, {}});
  }
  return config;
}

std::string machine_description() {
  std::ifstream cpuinfo("/proc/cpuinfo");
  std::string line, model = "unknown CPU";
  while (std::getline(cpuinfo, line)) {
    if (line.rfind("model name", 0) == 0) {
      model = line.substr(line.find(':') + 2);
      break;
    }
  }
  return model + ", " + std::to_string(std::thread::hardware_concurrency()) + " cores";
}

// CPU seconds (user + system) the server processes serving this database's other sessions used:
// the settlement's pooled connections, which were opened for it.
double server_cpu_seconds(pqxx::connection& connection) {
  pqxx::nontransaction transaction(connection);
  double seconds = 0;
  for (const auto& row : transaction.exec(other_backends)) {
    std::ifstream stat("/proc/" + row[0].as<std::string>() + "/stat");
    std::string content((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
    std::istringstream fields(content.substr(content.rfind(')') + 2));
    std::string field;
    double ticks = 0;
    for (int index = 3; index <= 15 && fields >> field; ++index) {
      if (index >= 14) ticks += std::stod(field);  // utime, stime
    }
    seconds += ticks / static_cast<double>(sysconf(_SC_CLK_TCK));
  }
  return seconds;
}

double own_cpu_seconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
         static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

long peak_rss_kib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

}  // namespace

int main(int argc, char** argv) {
  Options options = parse_options(argc, argv);
  auto connection = cityclear::store::open_connection(options.database_url, 5000);
  cityclear::store::apply_migrations(*connection, cityclear::store::embedded_migrations());
  auto creation_start = Clock::now();
  bool reused = options.reuse && reuse_day(*connection, options.records);
  if (!reused) create_day(*connection, options.records, options.rejected_per_mille);
  quiet_database(*connection);
  double creation_seconds = seconds_since(creation_start);
  std::filesystem::remove_all(options.output_dir / "20300101");
  long rss_before_kib = peak_rss_kib();
  double cpu_before_seconds = own_cpu_seconds();
  spdlog::set_level(spdlog::level::debug);

  cityclear::Config config = bench_config(options);
  cityclear::store::ConnectionPool pool(options.database_url, 4, 60000, 5000);
  cityclear::clearing::SettlementService service(config, pool);
  auto settle_start = Clock::now();
  cityclear::clearing::SettlementResult result;
  {
    // On a terminal a bar; off it a line per step and every few seconds (app/progress_bar.h).
    cityclear::app::ProgressBar progress("settle", cityclear::app::OffTerminal::lines);
    result =
        service.settle(bench_day, [&progress](std::string_view step, int64_t done, int64_t total) {
          progress.update(step, done, total);
        });
  }
  double settle_seconds = seconds_since(settle_start);
  double settle_cpu_seconds = own_cpu_seconds() - cpu_before_seconds;
  double server_seconds = server_cpu_seconds(*connection);
  int64_t file_bytes = 0;
  for (const auto& file : result.files) file_bytes += file.size_bytes;

  std::printf("%s",
              cityclear::clearing::format_settlement_report(result, config.participants).c_str());
  std::printf("machine:        %s\n", machine_description().c_str());
  std::printf("records:        %lld accepted of %lld (%s)\n",
              static_cast<long long>(result.accepted_count),
              static_cast<long long>(result.record_count), reused ? "reused" : "created");
  std::printf("data creation:  %.1f s\n", creation_seconds);
  std::printf("settle:         %.2f s, %.0f rows/s\n", settle_seconds,
              static_cast<double>(result.record_count) / settle_seconds);
  std::printf(
      "CPU:            %.1f s in this process, %.1f s in the PostgreSQL backends of the run\n",
      settle_cpu_seconds, server_seconds);
  std::printf("files:          %zu, %.1f MiB\n", result.files.size(),
              static_cast<double>(file_bytes) / (1 << 20));
  std::printf("peak RSS:       %.1f MiB (%.1f MiB before settling)\n", peak_rss_kib() / 1024.0,
              rss_before_kib / 1024.0);
  return 0;
}
