#include "ingest/batch_ingestor.h"

#include <chrono>
#include <pqxx/pqxx>
#include <spdlog/spdlog.h>

#include "common/check.h"
#include "common/metrics.h"
#include "config/participants.h"
#include "ingest/batch_statements.h"
#include "ingest/batch_store.h"
#include "ingest/clearing_day_assignment.h"
#include "ingest/group_committer.h"
#include "ingest/outcome_builders.h"
#include "ingest/prepared_claims.h"
#include "ingest/record_pipeline.h"
#include "store/database_error.h"
#include "store/retry_backoff.h"
#include "store/transient_failure.h"

namespace cityclear::ingest {
namespace {

// A blacklist published again and again while one small file is decided: give up after this many.
constexpr int max_decisions = 5;

void describe_metrics() {
  static std::once_flag once;
  std::call_once(once, [] {
    metrics().describe("cityclear_batches_total", "counter",
                       "TB1 uploads by outcome (status, reason, repeat)");
    metrics().describe("cityclear_records_total", "counter",
                       "TB1 detail records stored, by reason code");
    metrics().describe("cityclear_batch_ingest_seconds", "summary",
                       "time to ingest one TB1 upload");
    metrics().describe("cityclear_batches_in_flight", "gauge", "TB1 uploads being ingested now");
  });
}

void count(const BatchOutcome& outcome, double seconds) {
  metrics().add("cityclear_batches_total", {{"status", outcome.accepted ? "accepted" : "rejected"},
                                            {"reason", outcome.reason.value_or("")},
                                            {"repeat", outcome.repeat ? "true" : "false"}});
  if (!outcome.repeat) {
    for (const auto& [code, records] : outcome.by_reason)
      metrics().add("cityclear_records_total", {{"reason", code}}, static_cast<double>(records));
  }
  metrics().observe_seconds("cityclear_batch_ingest_seconds", {}, seconds);
}

store::RetrySettings retry_settings(const DatabaseSettings& database) {
  return store::RetrySettings{.attempts = database.retry_attempts,
                              .first_backoff_ms = database.retry_backoff_ms,
                              .max_backoff_ms = 2000};
}

}  // namespace

BatchIngestor::BatchIngestor(const Config& config, store::ConnectionPool& pool,
                             const crypto::KeyProvider& keys)
    : config_(config), pool_(pool), keys_(keys) {
  describe_metrics();
}

BatchIngestor::~BatchIngestor() = default;

bool BatchIngestor::is_small(const IngestSettings& settings, size_t size_bytes) {
  return static_cast<int64_t>(size_bytes) <= settings.small_file_max_bytes;
}

BatchOutcome BatchIngestor::ingest(const Upload& upload) {
  InFlight in_flight("cityclear_batches_in_flight", {});
  auto started = std::chrono::steady_clock::now();
  int64_t received = upload.received_local_seconds.value_or(local_seconds_now());
  if (upload.uploader_code) {
    auto header = peek_header(upload.bytes);
    if (header && header->acquirer_code != *upload.uploader_code) {
      throw UploadForbidden(
          "the file's header names acquirer " + format_institution_code(header->acquirer_code) +
          ", but the caller is " + format_institution_code(*upload.uploader_code));
    }
  }
  FileExamination exam = examine_file(upload.bytes, config_.ingest, keys_, upload.release_before);
  spdlog::debug("ingest: file examined in {:.3f} s",
                std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
  BatchOutcome outcome = is_small(config_.ingest, upload.bytes.size())
                             ? ingest_small(upload, exam, received)
                             : ingest_large(upload, exam, received);
  count(outcome, std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
  return outcome;
}

// On the caller's connection when it has one (a large file holds up to three: never wait for a
// fourth).
CivilDate BatchIngestor::open_day(CivilDate wanted, pqxx::connection* connection) {
  if (auto cached = open_days_.cached(wanted)) return *cached;
  if (connection != nullptr) return open_days_.resolve(*connection, wanted);
  store::ConnectionLease lease = pool_.acquire();
  return open_days_.resolve(*lease, wanted);
}

// The small path's blacklist comes from the cache (the group checks its version); the large path
// asks the database for the newest version number on its own connection first.
BlacklistVersion BatchIngestor::newest_blacklist(pqxx::connection* connection) {
  std::optional<BlacklistVersion> cached = blacklists_.cached();
  if (connection == nullptr) {
    if (cached) return *cached;
    store::ConnectionLease lease = pool_.acquire();
    return blacklists_.load(*lease);
  }
  if (cached) {
    pqxx::read_transaction transaction(*connection);
    if (transaction.exec(statements::blacklist_version)[0][0].as<int64_t>() == cached->version)
      return *cached;
  }
  return blacklists_.load(*connection);
}

GroupCommitter& BatchIngestor::committer() {
  std::call_once(committer_started_, [this] {
    const DatabaseSettings& database = config_.database;
    GroupCommitSettings settings{.connections = config_.ingest.commit_connections,
                                 .max_files = config_.ingest.group_max_files,
                                 .max_records = config_.ingest.group_max_records,
                                 .retry = retry_settings(database)};
    store::SessionLimits limits{.lock_timeout_ms = database.lock_timeout_ms,
                                .statement_timeout_ms = database.statement_timeout_ms};
    auto connect = [&database, limits] {
      return store::open_connection(database.url, database.connect_timeout_ms, limits);
    };
    committer_ = std::make_unique<GroupCommitter>(settings, connect, open_days_);
  });
  return *committer_;
}

BatchOutcome BatchIngestor::ingest_small(const Upload& upload, const FileExamination& exam,
                                         int64_t received) {
  StoredBytes file{upload.bytes, exam.sha256_hex, upload.source, received, upload.release_before};
  PendingFile pending;
  pending.bytes = &file;
  pending.examination = &exam;
  RecordRules rules = RecordRules::from(config_.ingest);
  BlacklistVersion blacklist;
  std::optional<RecordPipeline> pipeline;
  std::optional<ClaimCandidates> candidates;
  for (int decision = 1; decision <= max_decisions; ++decision) {
    if (!exam.rejection) {
      pending.wanted_day = wanted_clearing_day(received, config_.clearing.cutoff_seconds);
      pending.day = open_day(pending.wanted_day, nullptr);
      blacklist = newest_blacklist(nullptr);
      pipeline.emplace(*exam.layout, rules, keys_, *blacklist.snapshot, config_.ingest.step_records,
                       upload.release_before);
      candidates.emplace(pipeline->record_count());
      pending.decided_reasons = pipeline->decide(*candidates);
      pending.pipeline = &*pipeline;
      pending.candidates = &*candidates;
      pending.blacklist_version = blacklist.version;
    }
    GroupAnswer answer = committer().commit(pending);
    if (answer.failure) std::rethrow_exception(answer.failure);
    if (!answer.decide_again) return std::move(*answer.outcome);
    blacklists_.forget_older_than(blacklist.version + 1);
  }
  throw store::TransientDatabaseError("the blacklist changed " + std::to_string(max_decisions) +
                                      " times while the file was being decided");
}

bool BatchIngestor::prepared_transactions_allowed(pqxx::connection& connection) {
  std::call_once(prepared_transactions_checked_, [&] {
    prepared_transactions_ = prepared_transactions_enabled(connection);
    if (!prepared_transactions_) {
      spdlog::warn(
          "ingest: the server allows no prepared transactions (max_prepared_transactions = 0); "
          "a large file's keys are claimed after its records, in its own transaction (slower)");
    }
  });
  return prepared_transactions_;
}

bool BatchIngestor::claims_on_second_connection(pqxx::connection& connection) {
  if (!prepared_transactions_allowed(connection)) return false;
  ingest::resolve_abandoned_claims(connection);
  return true;
}

int BatchIngestor::resolve_abandoned_claims() {
  std::optional<store::ConnectionLease> connection = pool_.try_acquire();
  if (!connection) return 0;  // every connection busy: the next tick tries again
  try {
    return prepared_transactions_allowed(**connection)
               ? ingest::resolve_abandoned_claims(**connection)
               : 0;
  } catch (...) {
    if (store::classify_failure(std::current_exception()) != store::FailureKind::permanent)
      connection->discard();
    throw;
  }
}

BatchOutcome BatchIngestor::ingest_large_once(const Upload& upload, const FileExamination& exam,
                                              int64_t received) {
  store::ConnectionLease connection = pool_.acquire();
  std::optional<store::ConnectionLease> claims;
  std::optional<store::ConnectionLease> archive;
  try {
    if (claims_on_second_connection(*connection)) {
      if (auto lease = pool_.try_acquire()) claims.emplace(std::move(*lease));
    }
    if (auto lease = pool_.try_acquire()) archive.emplace(std::move(*lease));
    BatchStore::Helpers helpers{claims ? &**claims : nullptr, archive ? &**archive : nullptr,
                                static_cast<size_t>(config_.ingest.copy_queue_bytes)};
    BatchStore store(*connection);
    if (auto original = store.find_by_sha256(exam.sha256_hex)) {
      BatchOutcome outcome = store.load_outcome(*original);
      outcome.repeat = true;
      return outcome;
    }
    StoredBytes file{upload.bytes, exam.sha256_hex, upload.source, received, upload.release_before};
    if (exam.rejection) return store.store_rejection(file, exam.header, *exam.rejection);
    const BatchHeader& header = exam.layout->header;
    if (store.batch_id_accepted(header.acquirer_code, header.batch_id_text())) {
      return store.store_rejection(file, exam.header, batch_id_reused(header));
    }
    CivilDate day =
        open_day(wanted_clearing_day(received, config_.clearing.cutoff_seconds), &*connection);
    BlacklistVersion blacklist = newest_blacklist(&*connection);
    RecordPipeline pipeline(*exam.layout, RecordRules::from(config_.ingest), keys_,
                            *blacklist.snapshot, config_.ingest.step_records,
                            upload.release_before);
    return store.store_accepted(file, *exam.layout, day, pipeline, helpers);
  } catch (...) {
    if (claims) claims->discard();  // its session lock and any claims left prepared go with it
    store::FailureKind kind = store::classify_failure(std::current_exception());
    if (kind == store::FailureKind::connection_lost || kind == store::FailureKind::in_doubt) {
      connection.discard();
      if (archive) archive->discard();
    }
    throw;
  }
}

// Lost races (the same bytes or batch id, a day closing) are tried again at once, where the
// winner's committed work is then visible; transient failures after a backoff.
BatchOutcome BatchIngestor::ingest_large(const Upload& upload, const FileExamination& exam,
                                         int64_t received) {
  store::RetryBackoff backoff(retry_settings(config_.database));
  bool in_doubt = false;
  while (true) {
    try {
      BatchOutcome outcome = ingest_large_once(upload, exam, received);
      if (in_doubt) outcome.repeat = false;  // found stored by this upload's own unanswered COMMIT
      return outcome;
    } catch (const pqxx::unique_violation& race) {
      if (!backoff.another_without_wait()) throw;
      spdlog::debug("ingest of {} lost a race ({}), retrying", exam.sha256_hex, race.what());
    } catch (const ClearingDayClosed& closed) {
      if (!backoff.another_without_wait()) throw;
      open_days_.forget(wanted_clearing_day(received, config_.clearing.cutoff_seconds));
      spdlog::info("ingest of {}: {}, retrying on the next open day", exam.sha256_hex,
                   closed.what());
    } catch (const std::exception& error) {
      store::FailureKind kind = store::classify_failure(error);
      if (kind == store::FailureKind::permanent) throw;
      in_doubt = in_doubt || kind == store::FailureKind::in_doubt;
      spdlog::info("ingest of {} is tried again: {}", exam.sha256_hex,
                   store::failure_sentence(error));
      if (!backoff.wait_before_next()) std::rethrow_exception(store::retries_used_up(error, kind));
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
