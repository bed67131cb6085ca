#pragma once
// The server's ClearingBackend: the batch ingestor and the settlement service on the pool, and the
// daemon's timer that resolves key claims a dead process left prepared
// (ingest.abandoned_claims_interval_ms).
#include "common/periodic_task.h"
#include "crypto/key_provider.h"
#include "net/clearing_backend.h"
#include "store/connection_pool.h"

namespace cityclear::net {

class DatabaseBackend : public ClearingBackend {
 public:
  DatabaseBackend(const Config& config, store::ConnectionPool& pool,
                  const crypto::KeyProvider& keys);

  bool database_ready() override;
  ingest::BatchOutcome ingest_file(const std::filesystem::path& file,
                                   const UploadOrigin& origin) override;
  std::optional<ingest::BatchOutcome> find_batch(uint32_t acquirer_code,
                                                 std::string_view batch_id) override;
  clearing::SettlementResult settle_day(CivilDate day) override;
  std::optional<clearing::SettlementResult> find_settlement(CivilDate day) override;
  bool read_settlement_file(CivilDate day, std::string_view name,
                            const std::function<void(std::string_view)>& sink) override;

 private:
  void resolve_abandoned_claims();

  store::ConnectionPool& pool_;
  ingest::BatchIngestor ingestor_;
  clearing::SettlementService settlements_;
  PeriodicTask abandoned_claims_timer_;  // last: it uses the ingestor
};

}  // namespace cityclear::net
