#pragma once
// TB1 ingest (shared/spec/batch-file.md): whole-file checks, per-record reasons, bulk TAC
// verification, exact duplicate detection, clearing day, and one transaction that stores the
// raw bytes, the batch and its records (binary COPY), so a batch is wholly stored or not at all.
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include <pqxx/connection>

#include "config/config.h"
#include "crypto/key_provider.h"
#include "ingest/batch_outcome.h"
#include "store/connection_pool.h"

namespace cityclear::ingest {

enum class UploadSource { http, tcp, cli, replay };

struct Upload {
  // The file's bytes (a MappedFile of the spooled upload, or memory the caller keeps alive).
  std::string_view bytes;
  UploadSource source = UploadSource::cli;
  // The participant that uploads over HTTP: the header's acquirer must be this one, else
  // UploadForbidden (nothing is stored). Empty for TCP and the command line (the MAC authenticates).
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

  // Ingests one upload and returns its outcome; rejections are outcomes, not exceptions.
  // Throws UploadForbidden, store::DatabaseUnavailable / store::PoolExhausted (retry later).
  BatchOutcome ingest(const Upload& upload);

  // The stored outcome of a batch id of an acquirer (the accepted one, else the latest rejection).
  std::optional<BatchOutcome> find(uint32_t acquirer_code, std::string_view batch_id);

 private:
  const Config& config_;
  store::ConnectionPool& pool_;
  // Whether keys can be claimed beside the records (prepared transactions); first resolves the
  // claims a dead process left prepared.
  bool prepare_for_claims_beside(pqxx::connection& connection);

  const crypto::KeyProvider& keys_;
  std::once_flag prepared_transactions_checked_;
  bool prepared_transactions_ = false;  // the server allows them: keys are claimed beside the records
};

}  // namespace cityclear::ingest
