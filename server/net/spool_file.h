#pragma once
// Uploads in transit live on disk, never whole in memory: a SpoolFile is one private file
// (mode 0600) in the spool folder, written as bytes arrive and removed when it is dropped.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

namespace cityclear::net {

class SpoolFile {
 public:
  // Creates an empty file named <prefix>-XXXXXX in `directory`; throws std::runtime_error.
  static std::shared_ptr<SpoolFile> create(const std::filesystem::path& directory,
                                           std::string_view prefix);
  SpoolFile(const SpoolFile&) = delete;
  SpoolFile& operator=(const SpoolFile&) = delete;
  ~SpoolFile();  // closes and removes the file

  // Appends bytes; false on a disk error (see error()).
  bool write(std::string_view bytes);
  // Closes the file for writing (reading it goes through its path).
  void close();

  const std::filesystem::path& path() const { return path_; }
  int64_t size_bytes() const { return size_bytes_; }
  const std::string& error() const { return error_; }

 private:
  SpoolFile(std::filesystem::path path, int descriptor)
      : path_(std::move(path)), descriptor_(descriptor) {}
  std::filesystem::path path_;
  int descriptor_ = -1;
  int64_t size_bytes_ = 0;
  std::string error_;
};

// The prefix of every file the server spools; files left by a crash are removed at start.
inline constexpr std::string_view spool_file_prefix = "cityclear-spool";

// Creates the spool folder (mode 0700) and removes leftovers of an earlier run; returns how many.
// Throws ConfigError naming the folder when it cannot be made private and writable.
int prepare_spool_dir(const std::filesystem::path& directory);

}  // namespace cityclear::net
