#include "ingest/batch_store.h"

#include <future>
#include <pqxx/pqxx>

#include "common/check.h"
#include "common/phase_timer.h"
#include "config/participants.h"
#include "ingest/batch_statements.h"
#include "ingest/clearing_day_assignment.h"
#include "ingest/duplicate_claim.h"
#include "ingest/outcome_builders.h"
#include "ingest/prepared_claims.h"
#include "ingest/stored_outcome.h"
#include "store/binary_copy.h"

namespace cityclear::ingest {
namespace {

// The slow path: some candidate's key was accepted before. The savepoint undid the records and
// claims; the free keys are claimed, the losers become 03, and the records are written again.
void write_after_taken_keys(pqxx::work& transaction, RecordPipeline& pipeline,
                            const RecordDestination& destination, const ClaimCandidates& candidates,
                            std::vector<Reason>& reasons) {
  for (uint32_t sequence :
       claim_free_keys(transaction, destination.batch_key, candidates.sorted_by_key())) {
    size_t index = static_cast<size_t>(sequence) - 1;
    CITYCLEAR_CHECK(index < reasons.size() && reasons[index] == Reason::accepted,
                    "a losing candidate was accepted so far");
    reasons[index] = Reason::duplicate;
  }
  store::BinaryCopyWriter records(transaction, statements::copy_records);
  pipeline.write_records(reasons, destination, records);
  CITYCLEAR_CHECK(records.finish() == reasons.size(), "every record was written once");
}

// Every record written (candidates as accepted) inside the savepoint while the keys are claimed
// beside, on the claims connection from a thread of its own, in a prepared transaction. Without a
// claims connection, or when the server will not prepare, the keys are claimed after the records
// in the batch's transaction. True when some key was accepted before: the savepoint is then
// rolled back and the caller takes the slow path.
bool write_and_claim(pqxx::work& transaction, RecordPipeline& pipeline,
                     const RecordDestination& destination, const std::vector<Reason>& reasons,
                     const ClaimCandidates& candidates, PreparedClaims& prepared,
                     size_t copy_queue_bytes) {
  std::future<ClaimPreparation> beside;
  if (prepared.has_connection()) {
    beside = std::async(std::launch::async, [&prepared, &candidates] {
      return prepared.prepare(candidates.sorted_by_key());
    });
  }
  {
    store::BinaryCopyWriter records(transaction, statements::copy_records, 64 << 10,
                                    copy_queue_bytes);
    pipeline.write_records(reasons, destination, records);
    CITYCLEAR_CHECK(records.finish() == reasons.size(), "every record was written once");
  }
  ClaimPreparation claimed = beside.valid() ? beside.get() : ClaimPreparation::refused;
  if (claimed == ClaimPreparation::refused) {
    return !copy_claims(transaction, destination.batch_key,
                        candidates.sorted_by_key());  // rolls back if taken
  }
  if (claimed == ClaimPreparation::key_taken) transaction.exec(statements::rollback_claim);
  return claimed == ClaimPreparation::key_taken;
}

// The raw bytes archived and committed on their own connection, if there is one, meanwhile.
std::future<int64_t> archive_beside(pqxx::connection* connection, const StoredBytes& file) {
  if (connection == nullptr) return {};
  return std::async(std::launch::async,
                    [&file, connection] { return archive_raw_file_committed(*connection, file); });
}

}  // namespace

std::optional<int64_t> BatchStore::find_by_sha256(const std::string& sha256_hex) {
  pqxx::read_transaction transaction(connection_);
  pqxx::result found = transaction.exec_params(statements::find_by_sha256, sha256_hex);
  if (found.empty()) return std::nullopt;
  return found[0][0].as<int64_t>();
}

std::optional<int64_t> BatchStore::find_by_batch_id(uint32_t acquirer_code,
                                                    std::string_view batch_id) {
  pqxx::read_transaction transaction(connection_);
  pqxx::result found = transaction.exec_params(
      statements::find_by_batch_id, static_cast<int64_t>(acquirer_code), std::string(batch_id));
  if (found.empty()) return std::nullopt;
  return found[0][0].as<int64_t>();
}

bool BatchStore::batch_id_accepted(uint32_t acquirer_code, std::string_view batch_id) {
  pqxx::read_transaction transaction(connection_);
  return !transaction
              .exec_params(statements::accepted_batch_id, static_cast<int64_t>(acquirer_code),
                           std::string(batch_id))
              .empty();
}

BatchOutcome BatchStore::load_outcome(int64_t batch_key) {
  pqxx::read_transaction transaction(connection_);
  std::map<int64_t, BatchOutcome> outcomes = load_outcomes(transaction, {batch_key});
  CITYCLEAR_CHECK(outcomes.size() == 1, "a batch key names one batch");
  return outcomes.begin()->second;
}

BatchOutcome BatchStore::store_rejection(const StoredBytes& file,
                                         const std::optional<BatchHeader>& header,
                                         const FileRejection& rejection) {
  pqxx::work transaction(connection_);
  int64_t raw_file_id = archive_raw_file(transaction, file);
  std::optional<int64_t> acquirer;
  std::optional<std::string> batch_id;
  std::optional<std::string> created;
  if (header) {
    acquirer = header->acquirer_code;
    batch_id = std::string(header->batch_id_text());
    created = format_iso_timestamp(header->created_local_seconds);
  }
  transaction.exec_params(statements::insert_batch, raw_file_id, acquirer, batch_id, "rejected",
                          rejection.code, rejection.detail, std::optional<std::string>(), created,
                          0, 0, "{}", format_iso_timestamp(file.received_local_seconds));
  transaction.commit();
  return rejected_outcome(file.sha256_hex, header, rejection);
}

BatchOutcome BatchStore::store_accepted(const StoredBytes& file, const FileLayout& layout,
                                        CivilDate day, RecordPipeline& pipeline,
                                        const Helpers& helpers) {
  PhaseTimer timer("ingest");
  pqxx::work transaction(connection_);
  if (!hold_open_day(transaction, day))
    throw ClearingDayClosed("clearing day " + format_date(day) + " closed meanwhile");
  const BatchHeader& header = layout.header;
  int64_t batch_key = transaction.exec(statements::next_batch_key)[0][0].as<int64_t>();
  transaction.exec_params(statements::lock_batch, batch_key);
  RecordDestination destination{days_from_civil(day), batch_key, header.acquirer_code};
  std::future<int64_t> archive = archive_beside(helpers.archive_connection, file);
  ClaimCandidates candidates(pipeline.record_count());
  std::vector<Reason> reasons = pipeline.decide(candidates);
  timer.mark("records decided");
  transaction.exec(statements::savepoint_claim);
  PreparedClaims prepared(helpers.claims_connection, batch_key);
  bool keys_taken = write_and_claim(transaction, pipeline, destination, reasons, candidates,
                                    prepared, helpers.copy_queue_bytes);
  timer.mark("records written, keys claimed");
  if (keys_taken)
    write_after_taken_keys(transaction, pipeline, destination, candidates, reasons);
  else
    transaction.exec(statements::release_claim);
  int64_t raw_file_id = archive.valid() ? archive.get() : archive_raw_file(transaction, file);
  timer.mark("raw file archived");
  BatchOutcome outcome = accepted_outcome(file.sha256_hex, header, day, reasons);
  transaction.exec_params(statements::insert_accepted_batch, batch_key, raw_file_id,
                          static_cast<int64_t>(header.acquirer_code), *outcome.batch_id,
                          sql_date(day), format_iso_timestamp(header.created_local_seconds),
                          outcome.records, layout.trailer.total_amount_fen,
                          counts_json(outcome.by_reason),
                          format_iso_timestamp(file.received_local_seconds));
  prepared.commit_with(transaction);
  timer.mark("committed");
  return outcome;
}

}  // namespace cityclear::ingest
