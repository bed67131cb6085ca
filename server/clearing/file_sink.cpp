#include "clearing/file_sink.h"

#include <fcntl.h>
#include <unistd.h>
#include <cerrno>
#include <cstring>
#include <stdexcept>

#include "clearing/file_publisher.h"
#include "common/check.h"
#include "common/hex.h"

namespace cityclear::clearing {
namespace {

// Dirty pages are pushed to disk every few MiB instead of all at the final fsync.
constexpr int64_t writeback_step_bytes = 8 << 20;

std::runtime_error file_error(std::string_view what, const std::filesystem::path& path) {
  return std::runtime_error(std::string(what) + " " + path.string() + ": " + std::strerror(errno));
}

}  // namespace

FileSink::FileSink(const std::filesystem::path& directory, std::string name, const ChunkSink* chunk_sink)
    : name_(std::move(name)), path_(temporary_path(directory, name_)), chunk_sink_(chunk_sink) {
  descriptor_ = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (descriptor_ < 0) throw file_error("cannot create", path_);
  buffer_.resize(file_chunk_bytes);
}

FileSink::~FileSink() {
  if (descriptor_ < 0) return;
  ::close(descriptor_);
  ::unlink(path_.c_str());
}

void FileSink::append(std::string_view bytes) {
  while (!bytes.empty()) {
    size_t take = std::min(bytes.size(), buffer_.size() - buffered_);
    std::memcpy(buffer_.data() + buffered_, bytes.data(), take);
    buffered_ += take;
    bytes.remove_prefix(take);
    if (buffered_ == buffer_.size()) write_out_buffer();
  }
}

void FileSink::write_out_buffer() {
  hasher_.update(std::string_view(buffer_.data() + hashed_, buffered_ - hashed_));
  std::string_view chunk(buffer_.data(), buffered_);
  for (size_t done = 0; done < chunk.size();) {
    ssize_t result = ::write(descriptor_, chunk.data() + done, chunk.size() - done);
    if (result < 0 && errno == EINTR) continue;
    if (result < 0) throw file_error("cannot write", path_);
    done += static_cast<size_t>(result);
  }
  if (chunk_sink_ != nullptr && *chunk_sink_) (*chunk_sink_)(FileChunk{name_, chunk_count_, chunk});
  ++chunk_count_;
  written_bytes_ += static_cast<int64_t>(chunk.size());
  buffered_ = 0;
  hashed_ = 0;
  if (written_bytes_ - writeback_started_bytes_ >= writeback_step_bytes) {
    // A hint only: a failure here shows again at the fsync.
    ::sync_file_range(descriptor_, writeback_started_bytes_, written_bytes_ - writeback_started_bytes_,
                      SYNC_FILE_RANGE_WRITE);
    writeback_started_bytes_ = written_bytes_;
  }
}

WrittenFile FileSink::finish(std::string_view trailer_fields) {
  CITYCLEAR_CHECK(descriptor_ >= 0, "file finished twice");
  // The trailer's hash covers every byte before the trailer line, the buffered ones included.
  hasher_.update(std::string_view(buffer_.data() + hashed_, buffered_ - hashed_));
  hashed_ = buffered_;
  std::string trailer(trailer_fields);
  trailer += to_hex(hasher_.digest_so_far());
  trailer += '\n';
  append(trailer);
  if (buffered_ > 0) write_out_buffer();
  if (::fdatasync(descriptor_) != 0) throw file_error("cannot fsync", path_);
  if (::close(descriptor_) != 0) throw file_error("cannot close", path_);
  descriptor_ = -1;
  WrittenFile file;
  file.name = name_;
  file.temporary_path = path_;
  file.size_bytes = written_bytes_;
  file.chunk_count = chunk_count_;
  file.sha256 = hasher_.finish();
  return file;
}

}  // namespace cityclear::clearing
