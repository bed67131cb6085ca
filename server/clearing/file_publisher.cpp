#include "clearing/file_publisher.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <stdexcept>
#include <unistd.h>

namespace cityclear::clearing {
namespace {

constexpr std::string_view partial_suffix = ".partial";

std::runtime_error file_error(std::string_view what, const std::filesystem::path& path) {
  return std::runtime_error(std::string(what) + " " + path.string() + ": " + std::strerror(errno));
}

}  // namespace

std::filesystem::path temporary_path(const std::filesystem::path& directory,
                                     std::string_view name) {
  std::string file_name;
  file_name.reserve(1 + name.size() + partial_suffix.size());
  file_name.push_back('.');
  file_name.append(name);
  file_name.append(partial_suffix);
  return directory / file_name;
}

void fsync_path(const std::filesystem::path& path) {
  int descriptor = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (descriptor < 0) throw file_error("cannot open", path);
  int result = ::fsync(descriptor);
  ::close(descriptor);
  if (result != 0) throw file_error("cannot fsync", path);
}

void publish_files(const std::filesystem::path& directory, const std::vector<WrittenFile>& files) {
  for (const auto& file : files) {
    std::filesystem::path final_path = directory / file.name;
    if (::rename(file.temporary_path.c_str(), final_path.c_str()) != 0)
      throw file_error("cannot rename to", final_path);
  }
  fsync_path(directory);
}

void remove_partial_files(const std::filesystem::path& directory) {
  if (!std::filesystem::is_directory(directory)) return;
  for (const auto& entry : std::filesystem::directory_iterator(directory)) {
    std::string name = entry.path().filename().string();
    bool is_partial = name.size() > partial_suffix.size() + 1 && name.front() == '.' &&
                      name.ends_with(partial_suffix);
    if (is_partial && entry.is_regular_file()) std::filesystem::remove(entry.path());
  }
}

}  // namespace cityclear::clearing
