#pragma once
// The raw bytes of every TB1 upload, accepted or rejected, kept in 1 MiB chunks with their SHA-256
// so that audits can replay them. Bytes are archived once: an upload whose bytes an earlier
// attempt archived (and which stored no outcome: it failed, or the process died) reuses that row.
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include <pqxx/connection>
#include <pqxx/transaction>

#include "ingest/batch_ingestor.h"
#include "store/binary_copy.h"

namespace cityclear::ingest {

struct StoredBytes {
  std::string_view bytes;
  std::string sha256_hex;
  UploadSource source = UploadSource::cli;
  int64_t received_local_seconds = 0;
  std::function<void(size_t)> release_before;  // may be empty
};

// The bytes are kept in chunks of this size (raw_file_chunk), never whole in one value.
inline constexpr size_t raw_chunk_bytes = 1 << 20;
int64_t raw_chunk_count(size_t size_bytes);
// The rows of statements::copy_raw_chunks for one file (the COPY is the caller's).
void write_raw_chunks(store::BinaryCopyWriter& chunks, int64_t raw_file_id,
                      const StoredBytes& file);

// Inside the caller's transaction; returns the raw_file_id.
int64_t archive_raw_file(pqxx::work& transaction, const StoredBytes& file);

// In a transaction of its own on `connection`, committed before it returns (an accepted file's
// archive runs this on a second connection while the records are written on the first).
int64_t archive_raw_file_committed(pqxx::connection& connection, const StoredBytes& file);

std::string source_name(UploadSource source);

}  // namespace cityclear::ingest
