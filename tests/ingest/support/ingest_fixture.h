#pragma once
// A clean database, the sample configuration and keys, and a BatchIngestor over them.
#include <memory>
#include <string>

#include "config/config.h"
#include "crypto/key_provider.h"
#include "ingest/batch_ingestor.h"
#include "store/connection_pool.h"

namespace cityclear::testing {

struct IngestFixture {
  IngestFixture() : IngestFixture(nlohmann::json::object()) {}
  // pool_size 1 leaves no second connection: the raw bytes are then archived in the batch's own
  // transaction instead of beside it.
  explicit IngestFixture(const nlohmann::json& overrides, int pool_size = 4);

  ingest::BatchOutcome ingest_text(const std::string& text,
                                   std::optional<std::string> received = std::nullopt);
  // Reason code of every stored record of a batch, by sequence ("00", "03", ...).
  std::map<int, std::string> reasons_of(const std::string& batch_id);
  int64_t count(const std::string& sql);

  Config config;
  std::unique_ptr<crypto::KeyProvider> keys;
  std::unique_ptr<store::ConnectionPool> pool;
  std::unique_ptr<ingest::BatchIngestor> ingestor;
};

std::string sample_batch_text();

}  // namespace cityclear::testing
