#pragma once
// Everything the listeners ask of the clearing center, behind one interface: the server runs
// on DatabaseBackend (database_backend.h); tests can run it on a fake without a database.
// Every method may block (database work): call them from a worker pool, never an io thread.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string_view>

#include "clearing/settlement_service.h"
#include "ingest/batch_ingestor.h"
#include "ingest/batch_outcome.h"

namespace cityclear::net {

struct UploadOrigin {
  ingest::UploadSource source = ingest::UploadSource::http;
  std::optional<uint32_t> uploader_code;  // the HTTP caller; empty over TCP
};

class ClearingBackend {
 public:
  virtual ~ClearingBackend() = default;

  virtual bool database_ready() = 0;
  // Ingests a spooled upload. Throws ingest::UploadForbidden, store::DatabaseUnavailable,
  // store::PoolExhausted.
  virtual ingest::BatchOutcome ingest_file(const std::filesystem::path& file,
                                           const UploadOrigin& origin) = 0;
  virtual std::optional<ingest::BatchOutcome> find_batch(uint32_t acquirer_code,
                                                         std::string_view batch_id) = 0;
  // Throws clearing::DayBeingSettled, clearing::SettlementMismatch.
  virtual clearing::SettlementResult settle_day(CivilDate day) = 0;
  virtual std::optional<clearing::SettlementResult> find_settlement(CivilDate day) = 0;
  // Streams a stored settlement file; false when there is none of that name.
  virtual bool read_settlement_file(CivilDate day, std::string_view name,
                                    const std::function<void(std::string_view)>& sink) = 0;
};

}  // namespace cityclear::net
