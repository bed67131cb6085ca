#pragma once
// A buffered output file created with a given mode (keys.json is 0600), and a variant that keeps
// a running SHA-256 of what it wrote (the settlement files end with the SHA-256 of their body).
#include <sys/types.h>

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "common/sha256.h"

namespace cityclear::gen {

class OutputFile {
 public:
  explicit OutputFile(const std::filesystem::path& path, mode_t mode = 0644,
                      size_t buffer_size = 1 << 20);
  ~OutputFile();
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;
  void write(std::string_view bytes);
  void close();  // flushes; throws std::runtime_error naming the file on any error
  uint64_t bytes_written() const { return bytes_written_; }

 private:
  void flush();
  std::filesystem::path path_;
  int descriptor_ = -1;
  size_t buffer_limit_;
  std::string buffer_;
  uint64_t bytes_written_ = 0;
};

class HashedOutputFile {
 public:
  explicit HashedOutputFile(const std::filesystem::path& path, size_t buffer_size = 1 << 20)
      : file_(path, 0644, buffer_size) {}
  void write(std::string_view bytes) {
    file_.write(bytes);
    hash_.update(bytes);
  }
  // 64 uppercase hex characters of the SHA-256 of everything written so far; call once.
  std::string finish_sha256_hex();
  void write_unhashed(std::string_view bytes) { file_.write(bytes); }
  void close() { file_.close(); }

 private:
  OutputFile file_;
  Sha256 hash_;
};

// Writes a whole small file at once.
void write_whole_file(const std::filesystem::path& path, std::string_view bytes,
                      mode_t mode = 0644);

}  // namespace cityclear::gen
