#include "ingest/raw_archive.h"

#include <pqxx/pqxx>

#include "common/check.h"
#include "common/local_time.h"
#include "ingest/batch_statements.h"
#include "store/binary_copy.h"

namespace cityclear::ingest {
namespace {

void copy_chunks(pqxx::work& transaction, int64_t raw_file_id, const StoredBytes& file,
                 int64_t chunk_count) {
  store::BinaryCopyWriter chunks(transaction, statements::copy_raw_chunks, 2 * raw_chunk_bytes);
  write_raw_chunks(chunks, raw_file_id, file);
  CITYCLEAR_CHECK(chunks.finish() == static_cast<uint64_t>(chunk_count),
                  "every chunk was archived once");
}

}  // namespace

int64_t raw_chunk_count(size_t size_bytes) {
  return static_cast<int64_t>((size_bytes + raw_chunk_bytes - 1) / raw_chunk_bytes);
}

void write_raw_chunks(store::BinaryCopyWriter& chunks, int64_t raw_file_id,
                      const StoredBytes& file) {
  int64_t chunk_count = raw_chunk_count(file.bytes.size());
  for (int64_t chunk = 0; chunk < chunk_count; ++chunk) {
    size_t offset = static_cast<size_t>(chunk) * raw_chunk_bytes;
    chunks.begin_row(3);
    chunks.add_int64(raw_file_id);
    chunks.add_int32(static_cast<int32_t>(chunk));
    chunks.add_text(file.bytes.substr(offset, raw_chunk_bytes));
    if (file.release_before) file.release_before(offset);
  }
}

std::string source_name(UploadSource source) {
  switch (source) {
    case UploadSource::http: return "http";
    case UploadSource::tcp: return "tcp";
    case UploadSource::cli: return "cli";
    case UploadSource::replay: return "replay";
  }
  return "cli";
}

int64_t archive_raw_file(pqxx::work& transaction, const StoredBytes& file) {
  int64_t chunk_count = raw_chunk_count(file.bytes.size());
  pqxx::result inserted = transaction.exec_params(
      statements::insert_raw_file, file.sha256_hex, static_cast<int64_t>(file.bytes.size()),
      chunk_count, source_name(file.source), format_iso_timestamp(file.received_local_seconds));
  if (inserted.empty()) {
    pqxx::result archived = transaction.exec_params(statements::find_raw_file, file.sha256_hex);
    CITYCLEAR_CHECK(archived.size() == 1,
                    "a conflicting archive row is visible once its inserter committed");
    return archived[0][0].as<int64_t>();
  }
  int64_t raw_file_id = inserted[0][0].as<int64_t>();
  copy_chunks(transaction, raw_file_id, file, chunk_count);
  return raw_file_id;
}

int64_t archive_raw_file_committed(pqxx::connection& connection, const StoredBytes& file) {
  pqxx::work transaction(connection);
  int64_t raw_file_id = archive_raw_file(transaction, file);
  transaction.commit();
  return raw_file_id;
}

}  // namespace cityclear::ingest
