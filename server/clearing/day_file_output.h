#pragma once
// Where the day's files go: their folder (under temporary names), the optional sink that takes
// every full chunk as it is made (the storing COPY), the disk writer thread and the buffers they
// share. One per write_day_files() call; every FileSink of the day writes through it.
#include <filesystem>

#include "clearing/chunk_buffer_pool.h"
#include "clearing/direct_file_writer.h"
#include "clearing/written_file.h"

namespace cityclear::clearing {

struct DayFileOutput {
  // Chunks away with the consumers at once, beyond the one each open file is filling.
  static constexpr size_t chunks_in_flight = 16;

  DayFileOutput(std::filesystem::path directory_path, const ChunkSink* sink)
      : directory(std::move(directory_path)), chunk_sink(sink), buffers(chunks_in_flight) {}

  std::filesystem::path directory;
  const ChunkSink* chunk_sink;  // may be null
  ChunkBufferPool buffers;
  DirectFileWriter disk;  // declared last: its thread stops before the buffers' pool goes
};

}  // namespace cityclear::clearing
