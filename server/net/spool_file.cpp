#include "net/spool_file.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <stdexcept>
#include <sys/stat.h>
#include <unistd.h>

#include "config/config_error.h"

namespace cityclear::net {

std::shared_ptr<SpoolFile> SpoolFile::create(const std::filesystem::path& directory,
                                             std::string_view prefix) {
  std::string name_template = (directory / (std::string(prefix) + "-XXXXXX")).string();
  int descriptor = ::mkostemp(name_template.data(), O_CLOEXEC);  // mkstemp creates it 0600
  if (descriptor < 0) {
    throw std::runtime_error("cannot create a spool file in " + directory.string() + ": " +
                             std::strerror(errno));
  }
  return std::shared_ptr<SpoolFile>(new SpoolFile(name_template, descriptor));
}

SpoolFile::~SpoolFile() {
  close();
  std::error_code ignored;
  std::filesystem::remove(path_, ignored);
}

bool SpoolFile::write(std::string_view bytes) {
  if (descriptor_ < 0) {
    error_ = "the spool file is closed";
    return false;
  }
  while (!bytes.empty()) {
    ssize_t written = ::write(descriptor_, bytes.data(), bytes.size());
    if (written < 0 && errno == EINTR) continue;
    if (written <= 0) {
      error_ = "cannot write " + path_.string() + ": " + std::strerror(errno);
      return false;
    }
    bytes.remove_prefix(static_cast<size_t>(written));
    size_bytes_ += written;
  }
  return true;
}

void SpoolFile::close() {
  if (descriptor_ >= 0) ::close(descriptor_);
  descriptor_ = -1;
}

int prepare_spool_dir(const std::filesystem::path& directory) {
  std::error_code error;
  std::filesystem::create_directories(directory, error);
  if (error || ::chmod(directory.c_str(), 0700) != 0 ||
      ::access(directory.c_str(), W_OK | X_OK) != 0) {
    std::string reason = error ? error.message() : std::strerror(errno);
    throw ConfigError("spool_dir " + directory.string() +
                      " cannot be made a private writable folder: " + reason);
  }
  int removed = 0;
  for (const auto& entry : std::filesystem::directory_iterator(directory, error)) {
    if (entry.path().filename().string().starts_with(spool_file_prefix)) {
      removed += std::filesystem::remove(entry.path(), error) ? 1 : 0;
    }
  }
  return removed;
}

}  // namespace cityclear::net
