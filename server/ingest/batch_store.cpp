#include "ingest/batch_store.h"

#include <pqxx/pqxx>

#include "common/check.h"
#include "config/participants.h"
#include "ingest/batch_statements.h"
#include "ingest/clearing_day_assignment.h"
#include "store/binary_copy.h"
#include "common/phase_timer.h"

namespace cityclear::ingest {
namespace {

constexpr size_t raw_chunk_bytes = 1 << 20;

int64_t insert_raw_file(pqxx::work& transaction, const StoredBytes& file) {
  int64_t chunk_count = static_cast<int64_t>((file.bytes.size() + raw_chunk_bytes - 1) / raw_chunk_bytes);
  pqxx::result inserted = transaction.exec_params(
      statements::insert_raw_file, file.sha256_hex, static_cast<int64_t>(file.bytes.size()), chunk_count,
      source_name(file.source), format_iso_timestamp(file.received_local_seconds));
  int64_t raw_file_id = inserted[0][0].as<int64_t>();
  store::BinaryCopyWriter chunks(transaction, statements::copy_raw_chunks, 2 * raw_chunk_bytes);
  for (int64_t chunk = 0; chunk < chunk_count; ++chunk) {
    std::string_view piece = file.bytes.substr(static_cast<size_t>(chunk) * raw_chunk_bytes, raw_chunk_bytes);
    chunks.begin_row(3);
    chunks.add_int64(raw_file_id);
    chunks.add_int32(static_cast<int32_t>(chunk));
    chunks.add_text(piece);
    if (file.release_before) file.release_before(static_cast<size_t>(chunk) * raw_chunk_bytes);
  }
  chunks.finish();
  return raw_file_id;
}

std::string counts_json(const std::map<std::string, int64_t>& counts) {
  nlohmann::json object = nlohmann::json::object();
  for (const auto& [code, count] : counts) object[code] = count;
  return object.dump();
}

// Duplicates decided by the database become 03, every other surviving candidate 00.
std::map<std::string, int64_t> settle_candidates(std::vector<Reason>& reasons, const pqxx::result& losers) {
  for (const auto& row : losers) {
    size_t index = row[0].as<size_t>() - 1;
    CITYCLEAR_CHECK(index < reasons.size() && reasons[index] == Reason::pending, "a losing candidate is a pending record");
    reasons[index] = Reason::duplicate;
  }
  std::map<std::string, int64_t> counts;
  for (Reason& reason : reasons) {
    if (reason == Reason::pending) reason = Reason::accepted;
    ++counts[reason_text(reason)];
  }
  return counts;
}

}  // namespace

std::string source_name(UploadSource source) {
  switch (source) {
    case UploadSource::http: return "http";
    case UploadSource::tcp: return "tcp";
    case UploadSource::cli: return "cli";
    case UploadSource::replay: return "replay";
  }
  return "cli";
}

std::optional<int64_t> BatchStore::find_by_sha256(const std::string& sha256_hex) {
  pqxx::read_transaction transaction(connection_);
  pqxx::result found = transaction.exec_params(statements::find_by_sha256, sha256_hex);
  if (found.empty()) return std::nullopt;
  return found[0][0].as<int64_t>();
}

std::optional<int64_t> BatchStore::find_by_batch_id(uint32_t acquirer_code, std::string_view batch_id) {
  pqxx::read_transaction transaction(connection_);
  pqxx::result found = transaction.exec_params(statements::find_by_batch_id, static_cast<int64_t>(acquirer_code),
                                               std::string(batch_id));
  if (found.empty()) return std::nullopt;
  return found[0][0].as<int64_t>();
}

bool BatchStore::batch_id_accepted(uint32_t acquirer_code, std::string_view batch_id) {
  pqxx::read_transaction transaction(connection_);
  return !transaction.exec_params(statements::accepted_batch_id, static_cast<int64_t>(acquirer_code), std::string(batch_id)).empty();
}

BatchOutcome BatchStore::load_outcome(int64_t batch_key) {
  pqxx::read_transaction transaction(connection_);
  pqxx::result rows = transaction.exec_params(statements::load_outcome, batch_key);
  CITYCLEAR_CHECK(rows.size() == 1, "a batch key names one batch");
  const auto& row = rows[0];
  BatchOutcome outcome;
  if (!row[0].is_null()) outcome.batch_id = row[0].as<std::string>();
  if (!row[1].is_null()) outcome.acquirer_code = row[1].as<uint32_t>();
  outcome.accepted = row[2].as<std::string>() == "accepted";
  if (!row[3].is_null()) outcome.reason = row[3].as<std::string>();
  if (!row[4].is_null()) outcome.detail = row[4].as<std::string>();
  if (!row[5].is_null()) outcome.clearing_date = parse_date(row[5].as<std::string>());
  outcome.sha256_hex = row[6].as<std::string>();
  for (char& c : outcome.sha256_hex) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  outcome.records = row[7].as<int64_t>();
  nlohmann::json counts = nlohmann::json::parse(row[8].as<std::string>());
  for (const auto& [code, count] : counts.items()) outcome.by_reason[code] = count.get<int64_t>();
  return outcome;
}

BatchOutcome BatchStore::store_rejection(const StoredBytes& file, const std::optional<BatchHeader>& header,
                                         const FileRejection& rejection) {
  pqxx::work transaction(connection_);
  int64_t raw_file_id = insert_raw_file(transaction, file);
  std::optional<int64_t> acquirer;
  std::optional<std::string> batch_id;
  std::optional<std::string> created;
  if (header) {
    acquirer = header->acquirer_code;
    batch_id = std::string(header->batch_id_text());
    created = format_iso_timestamp(header->created_local_seconds);
  }
  transaction.exec_params(statements::insert_batch, raw_file_id, acquirer, batch_id, "rejected", rejection.code,
                          rejection.detail, std::optional<std::string>(), created, 0, 0, "{}",
                          format_iso_timestamp(file.received_local_seconds));
  transaction.commit();
  BatchOutcome outcome;
  outcome.batch_id = batch_id;
  if (header) outcome.acquirer_code = header->acquirer_code;
  outcome.reason = rejection.code;
  outcome.detail = rejection.detail;
  outcome.sha256_hex = file.sha256_hex;
  return outcome;
}

BatchOutcome BatchStore::store_accepted(const StoredBytes& file, const FileLayout& layout, CivilDate day,
                                        RecordPipeline& pipeline) {
  PhaseTimer timer("ingest");
  pqxx::work transaction(connection_);
  if (!hold_open_day(transaction, day)) throw ClearingDayClosed("clearing day " + format_date(day) + " closed meanwhile");
  int64_t raw_file_id = insert_raw_file(transaction, file);
  timer.mark("raw file stored");
  const BatchHeader& header = layout.header;
  pqxx::result batch = transaction.exec_params(
      statements::insert_batch, raw_file_id, static_cast<int64_t>(header.acquirer_code), std::string(header.batch_id_text()),
      "accepted", std::optional<std::string>(), std::optional<std::string>(), sql_date(day),
      format_iso_timestamp(header.created_local_seconds), 0, 0, "{}", format_iso_timestamp(file.received_local_seconds));
  int64_t batch_key = batch[0][0].as<int64_t>();
  transaction.exec(statements::create_candidates);
  std::vector<Reason> reasons;
  {
    store::BinaryCopyWriter candidates(transaction, statements::copy_candidates);
    reasons = pipeline.decide_reasons(candidates);
    candidates.finish();
  }
  timer.mark("reasons decided, candidates sent");
  std::map<std::string, int64_t> counts = settle_candidates(reasons, transaction.exec_params(statements::claim_candidates, batch_key));
  timer.mark("duplicates claimed");
  {
    store::BinaryCopyWriter records(transaction, statements::copy_records);
    pipeline.write_records(reasons, {days_from_civil(day), batch_key, header.acquirer_code}, records);
    CITYCLEAR_CHECK(records.finish() == reasons.size(), "every record was written once");
  }
  transaction.exec_params(statements::finish_batch, batch_key, static_cast<int64_t>(reasons.size()),
                          layout.trailer.total_amount_fen, counts_json(counts));
  timer.mark("records written");
  transaction.commit();
  timer.mark("committed");
  BatchOutcome outcome;
  outcome.batch_id = std::string(header.batch_id_text());
  outcome.acquirer_code = header.acquirer_code;
  outcome.accepted = true;
  outcome.clearing_date = day;
  outcome.sha256_hex = file.sha256_hex;
  outcome.records = static_cast<int64_t>(reasons.size());
  outcome.by_reason = std::move(counts);
  return outcome;
}

}  // namespace cityclear::ingest
