#pragma once
// TB1 ingest (batch-file.md): whole-file checks, per-record reasons, bulk TAC verification,
// exact duplicate detection, clearing day, and the store, so that a batch is wholly stored or not
// at all and is answered only once its commit is durable. Two paths:
// - a small file (ingest.small_file_max_bytes) is decided by the calling worker and stored with
//   whatever other small files are waiting, in one transaction (group_committer.h);
// - a large file is stored on connections of its own (batch_store.h): its records COPYed while
//   its keys are claimed on a second connection and its raw bytes archived on a third.
// Transient database failures are retried inside with bounded backoff (database.retry_attempts);
// when they persist the caller gets a retryable error (store/database_error.h).
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include <pqxx/connection>

#include "config/config.h"
#include "crypto/key_provider.h"
#include "ingest/batch_outcome.h"
#include "ingest/blacklist_cache.h"
#include "ingest/open_day_cache.h"
#include "store/connection_pool.h"

namespace cityclear::ingest {

class GroupCommitter;
struct FileExamination;

enum class UploadSource { http, tcp, cli, replay };

struct Upload {
  // The file's bytes (a MappedFile of the spooled upload, or memory the caller keeps alive).
  std::string_view bytes;
  UploadSource source = UploadSource::cli;
  // The participant that uploads over HTTP: the header's acquirer must be this one, else
  // UploadForbidden (nothing is stored). Empty for TCP and the command line (the MAC
  // authenticates).
  std::optional<uint32_t> uploader_code;
  // Receipt time in local seconds; empty means now. Fixes the clearing day.
  std::optional<int64_t> received_local_seconds;
  // Called with the offset up to which bytes are no longer needed (lets a mapped file drop pages).
  std::function<void(size_t)> release_before;
};

// The caller is not the acquirer named in the header (HTTP 403).
class UploadForbidden : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class BatchIngestor {
 public:
  BatchIngestor(const Config& config, store::ConnectionPool& pool, const crypto::KeyProvider& keys);
  ~BatchIngestor();

  // Whether a file of this size takes the group-commit path.
  static bool is_small(const IngestSettings& settings, size_t size_bytes);

  // Ingests one upload and returns its outcome; rejections are outcomes, not exceptions.
  // Throws UploadForbidden; store::DatabaseUnavailable, store::PoolExhausted or
  // store::TransientDatabaseError when the database failed past the retries (retry later).
  BatchOutcome ingest(const Upload& upload);

  // The stored outcome of a batch id of an acquirer (the accepted one, else the latest rejection).
  std::optional<BatchOutcome> find(uint32_t acquirer_code, std::string_view batch_id);

  // Resolves key claims that a dead process or connection left prepared (prepared_claims.h);
  // returns how many. The daemon calls it on a timer; a large ingest before it starts.
  int resolve_abandoned_claims();

 private:
  BatchOutcome ingest_small(const Upload& upload, const FileExamination& exam,
                            int64_t received_local_seconds);
  BatchOutcome ingest_large(const Upload& upload, const FileExamination& exam,
                            int64_t received_local_seconds);
  BatchOutcome ingest_large_once(const Upload& upload, const FileExamination& exam,
                                 int64_t received_local_seconds);
  CivilDate open_day(CivilDate wanted, pqxx::connection* connection);
  BlacklistVersion newest_blacklist(pqxx::connection* connection);
  GroupCommitter& committer();
  // Whether the server allows prepared transactions (asked once).
  bool prepared_transactions_allowed(pqxx::connection& connection);
  // Whether keys can be claimed on a second connection; resolves abandoned claims first.
  bool claims_on_second_connection(pqxx::connection& connection);

  const Config& config_;
  store::ConnectionPool& pool_;
  const crypto::KeyProvider& keys_;
  OpenDayCache open_days_;
  BlacklistCache blacklists_;
  std::once_flag committer_started_;
  std::unique_ptr<GroupCommitter> committer_;
  std::once_flag prepared_transactions_checked_;
  bool prepared_transactions_ = false;
};

}  // namespace cityclear::ingest
