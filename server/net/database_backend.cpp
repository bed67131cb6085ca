#include "net/database_backend.h"

#include "common/mapped_file.h"
#include "net/structured_log.h"
#include "store/transient_failure.h"

namespace cityclear::net {

DatabaseBackend::DatabaseBackend(const Config& config, store::ConnectionPool& pool,
                                 const crypto::KeyProvider& keys)
    : pool_(pool),
      ingestor_(config, pool, keys),
      settlements_(config, pool),
      abandoned_claims_timer_(std::chrono::milliseconds(config.ingest.abandoned_claims_interval_ms),
                              [this] { resolve_abandoned_claims(); }) {}

void DatabaseBackend::resolve_abandoned_claims() {
  try {
    int resolved = ingestor_.resolve_abandoned_claims();
    if (resolved > 0)
      log_event(spdlog::level::warn, "abandoned_claims_resolved", {{"claims", int64_t{resolved}}});
  } catch (const std::exception& error) {
    bool transient = store::classify_failure(error) != store::FailureKind::permanent;
    log_event(transient ? spdlog::level::debug : spdlog::level::err, "abandoned_claims_failed",
              {{"detail", store::failure_sentence(error)}});
  }
}

bool DatabaseBackend::database_ready() {
  return pool_.ping();
}

ingest::BatchOutcome DatabaseBackend::ingest_file(const std::filesystem::path& file,
                                                  const UploadOrigin& origin) {
  MappedFile mapped(file);
  ingest::Upload upload;
  upload.bytes = mapped.bytes();
  upload.source = origin.source;
  upload.uploader_code = origin.uploader_code;
  upload.release_before = [&mapped](size_t offset) { mapped.release_before(offset); };
  return ingestor_.ingest(upload);
}

std::optional<ingest::BatchOutcome> DatabaseBackend::find_batch(uint32_t acquirer_code,
                                                                std::string_view batch_id) {
  return ingestor_.find(acquirer_code, batch_id);
}

clearing::SettlementResult DatabaseBackend::settle_day(CivilDate day) {
  return settlements_.settle(day);
}

std::optional<clearing::SettlementResult> DatabaseBackend::find_settlement(CivilDate day) {
  return settlements_.find(day);
}

bool DatabaseBackend::read_settlement_file(CivilDate day, std::string_view name,
                                           const std::function<void(std::string_view)>& sink) {
  return settlements_.read_file(day, name, sink);
}

}  // namespace cityclear::net
