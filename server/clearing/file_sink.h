#pragma once
// Writes one clearing file under its temporary name through 1 MiB chunk buffers: hashes the
// bytes, hands every full chunk to the day's ChunkSink (so it can be stored as it is made) and to
// the disk writer thread, and on finish appends the trailer's SHA-256 and queues the file's end
// (truncate, fsync, close: DayFileOutput::disk.wait() tells when the file is durable).
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <string>
#include <string_view>

#include "clearing/day_file_output.h"
#include "clearing/written_file.h"
#include "common/sha256.h"

namespace cityclear::clearing {

class FileSink {
 public:
  FileSink(DayFileOutput& output, std::string name);
  FileSink(const FileSink&) = delete;
  FileSink& operator=(const FileSink&) = delete;
  // An unfinished file (an error on the way) is removed.
  ~FileSink();

  void append(std::string_view bytes) {
    if (bytes.size() <= file_chunk_bytes - buffered_) {  // the usual case: one line into the buffer
      std::memcpy(buffer_.get() + buffered_, bytes.data(), bytes.size());
      buffered_ += bytes.size();
      if (buffered_ == file_chunk_bytes) hand_over_buffer();
      return;
    }
    append_across_chunks(bytes);
  }
  // Appends `trailer_fields`, the uppercase hex SHA-256 of every byte before them, and LF, and
  // hands over the last chunk. Fills name, temporary path, size, chunk count and SHA-256.
  WrittenFile finish(std::string_view trailer_fields);

 private:
  void append_across_chunks(std::string_view bytes);
  // Hands the buffered bytes over as the next chunk; takes a fresh buffer unless it is the last.
  void hand_over_buffer(bool last = false);

  DayFileOutput& output_;
  std::string name_;
  std::filesystem::path path_;
  size_t file_ = 0;  // the disk writer's number of the file
  ChunkBufferPool::Buffer buffer_;
  size_t buffered_ = 0;
  size_t hashed_ = 0;  // buffered bytes already given to the hasher
  int64_t written_bytes_ = 0;
  int32_t chunk_count_ = 0;
  bool finished_ = false;
  Sha256 hasher_;
};

}  // namespace cityclear::clearing
