#pragma once
// A clearing, reject or settlement file written under its temporary name, with what is stored
// about it.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "common/sha256.h"

namespace cityclear::clearing {

// Files are stored in PostgreSQL as chunks of exactly this size (the last one shorter).
inline constexpr size_t file_chunk_bytes = 1 << 20;

struct WrittenFile {
  std::string name;                          // e.g. CLR_31000001_20261121.txt
  std::string kind;                          // CLR1, RJT1, STL1
  std::optional<uint32_t> participant_code;  // empty for STL1
  std::filesystem::path temporary_path;      // where it lies until published
  int64_t size_bytes = 0;
  int32_t chunk_count = 0;
  Sha256Digest sha256{};  // of every byte of the file
};

// One chunk of a file as it is written: chunk_number counts from 0. `bytes` stay valid as long as
// `owner` is held: a sink that uses them after its call returns keeps a copy of `owner`.
struct FileChunk {
  std::string_view file_name;
  int32_t chunk_number = 0;
  std::string_view bytes;
  std::shared_ptr<const void> owner;
};

using ChunkSink = std::function<void(const FileChunk&)>;

}  // namespace cityclear::clearing
