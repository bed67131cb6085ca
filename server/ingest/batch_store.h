#pragma once
// What TB1 ingest reads and writes in PostgreSQL. Each store_* call is one transaction: the raw
// bytes, the batch row and (for an accepted file) every record, or nothing at all.
#include <cstdint>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include <pqxx/connection>

#include "common/local_time.h"
#include "ingest/batch_ingestor.h"
#include "ingest/batch_outcome.h"
#include "ingest/file_examination.h"
#include "ingest/raw_archive.h"
#include "ingest/record_pipeline.h"

namespace cityclear::ingest {

// The day closed between choosing it and locking it: start over.
class ClearingDayClosed : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class BatchStore {
 public:
  // What an accepted file may use beside the batch's own connection (each may be absent).
  struct Helpers {
    // Claims the keys in a prepared transaction while the records go in (prepared_claims.h);
    // without it the keys are claimed after the records, in the batch's transaction.
    pqxx::connection* claims_connection = nullptr;
    // Archives (and commits) the raw bytes meanwhile; without it, in the batch's transaction.
    pqxx::connection* archive_connection = nullptr;
    // Records' COPY data queued for a sending thread (ingest.copy_queue_bytes); 0: sent inline.
    size_t copy_queue_bytes = 0;
  };

  explicit BatchStore(pqxx::connection& connection) : connection_(connection) {}

  std::optional<int64_t> find_by_sha256(const std::string& sha256_hex);
  std::optional<int64_t> find_by_batch_id(uint32_t acquirer_code, std::string_view batch_id);
  bool batch_id_accepted(uint32_t acquirer_code, std::string_view batch_id);
  BatchOutcome load_outcome(int64_t batch_key);

  // Stores the raw bytes and the rejection; returns the outcome.
  BatchOutcome store_rejection(const StoredBytes& file, const std::optional<BatchHeader>& header,
                               const FileRejection& rejection);
  // Stores an accepted file on `day` (held FOR SHARE), the database deciding duplicates against
  // other batches. Throws ClearingDayClosed, or pqxx::unique_violation when a concurrent upload
  // won a race.
  BatchOutcome store_accepted(const StoredBytes& file, const FileLayout& layout, CivilDate day,
                              RecordPipeline& pipeline, const Helpers& helpers);

 private:
  pqxx::connection& connection_;
};

}  // namespace cityclear::ingest
