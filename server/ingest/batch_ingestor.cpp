#include "ingest/batch_ingestor.h"

#include <chrono>
#include <pqxx/pqxx>
#include <spdlog/spdlog.h>

#include "common/metrics.h"
#include "config/participants.h"
#include "ingest/batch_store.h"
#include "ingest/clearing_day_assignment.h"
#include "ingest/prepared_claims.h"
#include "ingest/record_pipeline.h"

namespace cityclear::ingest {
namespace {

// Races lost to a concurrent upload (same bytes, same batch id, a day closing) are retried from
// the top, where the winner's committed work is then visible.
constexpr int max_attempts = 5;

void describe_metrics() {
  static std::once_flag once;
  std::call_once(once, [] {
    metrics().describe("cityclear_batches_total", "counter", "TB1 uploads by outcome (status, reason, repeat)");
    metrics().describe("cityclear_records_total", "counter", "TB1 detail records stored, by reason code");
    metrics().describe("cityclear_batch_ingest_seconds", "summary", "time to ingest one TB1 upload");
    metrics().describe("cityclear_batches_in_flight", "gauge", "TB1 uploads being ingested now");
  });
}

void count(const BatchOutcome& outcome, double seconds) {
  metrics().add("cityclear_batches_total", {{"status", outcome.accepted ? "accepted" : "rejected"},
                                            {"reason", outcome.reason.value_or("")},
                                            {"repeat", outcome.repeat ? "true" : "false"}});
  if (!outcome.repeat) {
    for (const auto& [code, records] : outcome.by_reason) metrics().add("cityclear_records_total", {{"reason", code}}, static_cast<double>(records));
  }
  metrics().observe_seconds("cityclear_batch_ingest_seconds", {}, seconds);
}

BatchOutcome ingest_once(const Config& config, pqxx::connection& connection, const BatchStore::Helpers& helpers,
                         const crypto::KeyProvider& keys, const Upload& upload, const FileExamination& exam,
                         int64_t received_local_seconds) {
  BatchStore store(connection);
  if (auto original = store.find_by_sha256(exam.sha256_hex)) {
    BatchOutcome outcome = store.load_outcome(*original);
    outcome.repeat = true;
    return outcome;
  }
  StoredBytes file{upload.bytes, exam.sha256_hex, upload.source, received_local_seconds, upload.release_before};
  if (exam.rejection) return store.store_rejection(file, exam.header, *exam.rejection);
  const FileLayout& layout = *exam.layout;
  if (store.batch_id_accepted(layout.header.acquirer_code, layout.header.batch_id_text())) {
    return store.store_rejection(file, exam.header,
                                 {"F04", "batch id " + std::string(layout.header.batch_id_text()) + " was already accepted for acquirer " +
                                             format_institution_code(layout.header.acquirer_code) + " with different bytes"});
  }
  CivilDate day = first_open_day(connection, wanted_clearing_day(received_local_seconds, config.clearing.cutoff_seconds));
  BlacklistSnapshot blacklist;
  {
    pqxx::read_transaction transaction(connection);
    blacklist = BlacklistSnapshot::load(transaction);
  }
  RecordPipeline pipeline(layout, RecordRules::from(config.ingest), keys, blacklist, config.ingest.batch_records,
                          upload.release_before);
  return store.store_accepted(file, layout, day, pipeline, helpers);
}

}  // namespace

BatchIngestor::BatchIngestor(const Config& config, store::ConnectionPool& pool, const crypto::KeyProvider& keys)
    : config_(config), pool_(pool), keys_(keys) {
  describe_metrics();
}

bool BatchIngestor::prepare_for_claims_beside(pqxx::connection& connection) {
  std::call_once(prepared_transactions_checked_, [&] {
    prepared_transactions_ = prepared_transactions_enabled(connection);
    if (!prepared_transactions_) {
      spdlog::warn("ingest: the server allows no prepared transactions (max_prepared_transactions = 0); "
                   "keys are claimed after the records, in the batch's transaction (slower)");
    }
  });
  if (prepared_transactions_) resolve_abandoned_claims(connection);
  return prepared_transactions_;
}

BatchOutcome BatchIngestor::ingest(const Upload& upload) {
  InFlight in_flight("cityclear_batches_in_flight", {});
  auto started = std::chrono::steady_clock::now();
  int64_t received = upload.received_local_seconds.value_or(local_seconds_now());
  if (upload.uploader_code) {
    auto header = peek_header(upload.bytes);
    if (header && header->acquirer_code != *upload.uploader_code) {
      throw UploadForbidden("the file's header names acquirer " + format_institution_code(header->acquirer_code) +
                            ", but the caller is " + format_institution_code(*upload.uploader_code));
    }
  }
  FileExamination exam = examine_file(upload.bytes, config_.ingest, keys_, upload.release_before);
  spdlog::debug("ingest: file examined in {:.3f} s", std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
  store::ConnectionLease connection = pool_.acquire();
  bool claims_beside = prepare_for_claims_beside(*connection);
  // More connections, when free now: one claims the keys and one archives the raw bytes while
  // the records go in.
  std::optional<store::ConnectionLease> claims_connection =
      claims_beside ? pool_.try_acquire() : std::optional<store::ConnectionLease>();
  std::optional<store::ConnectionLease> archive_connection = pool_.try_acquire();
  BatchStore::Helpers helpers{claims_connection ? &**claims_connection : nullptr,
                              archive_connection ? &**archive_connection : nullptr,
                              static_cast<size_t>(config_.ingest.copy_queue_bytes)};
  for (int attempt = 1;; ++attempt) {
    try {
      BatchOutcome outcome = ingest_once(config_, *connection, helpers, keys_, upload, exam, received);
      count(outcome, std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
      return outcome;
    } catch (const pqxx::unique_violation& race) {
      if (attempt >= max_attempts) throw;
      spdlog::debug("ingest of {} lost a race ({}), retrying", exam.sha256_hex, race.what());
    } catch (const ClearingDayClosed& closed) {
      if (attempt >= max_attempts) throw;
      spdlog::info("ingest of {}: {}, retrying on the next open day", exam.sha256_hex, closed.what());
    } catch (const pqxx::broken_connection& broken) {
      connection.discard();
      if (archive_connection) archive_connection->discard();
      if (claims_connection) claims_connection->discard();
      throw store::DatabaseUnavailable(std::string("the database connection broke: ") + broken.what());
    }
  }
}

std::optional<BatchOutcome> BatchIngestor::find(uint32_t acquirer_code, std::string_view batch_id) {
  store::ConnectionLease connection = pool_.acquire();
  BatchStore store(*connection);
  auto key = store.find_by_batch_id(acquirer_code, batch_id);
  if (!key) return std::nullopt;
  return store.load_outcome(*key);
}

}  // namespace cityclear::ingest
