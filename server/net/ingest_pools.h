#pragma once
// Uploads run on two worker pools, so that large files never starve small ones: small files
// (ingest.small_file_max_bytes, committed in groups) on `small` (ingest.workers, most of them
// waiting for their group's commit), large files on `large` (ingest.large_workers).
#include <cstdint>

#include "config/config.h"
#include "ingest/batch_ingestor.h"
#include "net/worker_pool.h"

namespace cityclear::net {

struct IngestPools {
  WorkerPool& small;
  WorkerPool& large;

  WorkerPool& for_upload(const IngestSettings& settings, int64_t size_bytes) const {
    return ingest::BatchIngestor::is_small(settings, static_cast<size_t>(size_bytes)) ? small
                                                                                      : large;
  }
};

}  // namespace cityclear::net
