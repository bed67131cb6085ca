#pragma once
// Writes one clearing file under its temporary name through a 1 MiB buffer: hashes the bytes,
// hands every full 1 MiB chunk to an optional ChunkSink (so they can be stored as they are made),
// starts disk writeback early, and on finish appends the trailer's SHA-256 and fsyncs.
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "clearing/continuing_sha256.h"
#include "clearing/written_file.h"

namespace cityclear::clearing {

class FileSink {
 public:
  // `chunk_sink` may be null; it must outlive the sink.
  FileSink(const std::filesystem::path& directory, std::string name, const ChunkSink* chunk_sink);
  FileSink(const FileSink&) = delete;
  FileSink& operator=(const FileSink&) = delete;
  // An unfinished file (an error on the way) is closed and removed.
  ~FileSink();

  void append(std::string_view bytes);
  // Appends `trailer_fields`, the uppercase hex SHA-256 of every byte before them, and LF;
  // writes out and fsyncs. Fills name, temporary path, size, chunk count and the file's SHA-256.
  WrittenFile finish(std::string_view trailer_fields);

 private:
  void write_out_buffer();

  std::string name_;
  std::filesystem::path path_;
  const ChunkSink* chunk_sink_;
  int descriptor_ = -1;
  std::vector<char> buffer_;
  size_t buffered_ = 0;
  size_t hashed_ = 0;  // buffered bytes already given to the hasher
  int64_t written_bytes_ = 0;
  int64_t writeback_started_bytes_ = 0;
  int32_t chunk_count_ = 0;
  ContinuingSha256 hasher_;
};

}  // namespace cityclear::clearing
