#include "gen/output_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

#include "common/hex.h"

namespace cityclear::gen {
namespace {

[[noreturn]] void fail(const std::filesystem::path& path, const char* what) {
  throw std::runtime_error("cannot " + std::string(what) + " " + path.string() + ": " +
                           std::strerror(errno));
}

}  // namespace

OutputFile::OutputFile(const std::filesystem::path& path, mode_t mode, size_t buffer_size)
    : path_(path), buffer_limit_(buffer_size) {
  descriptor_ = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
  if (descriptor_ < 0) fail(path, "create");
  // An existing file keeps its old mode through O_CREAT: set it explicitly.
  if (::fchmod(descriptor_, mode) != 0) fail(path, "chmod");
  buffer_.reserve(buffer_limit_);
}

OutputFile::~OutputFile() {
  if (descriptor_ >= 0) ::close(descriptor_);
}

void OutputFile::write(std::string_view bytes) {
  bytes_written_ += bytes.size();
  if (buffer_.size() + bytes.size() > buffer_limit_) flush();
  if (bytes.size() >= buffer_limit_) {
    buffer_.assign(bytes);
    flush();
    return;
  }
  buffer_.append(bytes);
}

void OutputFile::flush() {
  size_t done = 0;
  while (done < buffer_.size()) {
    ssize_t written = ::write(descriptor_, buffer_.data() + done, buffer_.size() - done);
    if (written < 0 && errno == EINTR) continue;
    if (written <= 0) fail(path_, "write");
    done += static_cast<size_t>(written);
  }
  buffer_.clear();
}

void OutputFile::close() {
  if (descriptor_ < 0) return;
  flush();
  int result = ::close(descriptor_);
  descriptor_ = -1;
  if (result != 0) fail(path_, "close");
}

std::string HashedOutputFile::finish_sha256_hex() {
  return to_hex(hash_.finish());
}

void write_whole_file(const std::filesystem::path& path, std::string_view bytes, mode_t mode) {
  OutputFile file(path, mode);
  file.write(bytes);
  file.close();
}

}  // namespace cityclear::gen
