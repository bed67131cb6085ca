#include "clearing/file_sink.h"

#include <algorithm>
#include <unistd.h>

#include "clearing/file_publisher.h"
#include "common/check.h"
#include "common/hex.h"

namespace cityclear::clearing {

FileSink::FileSink(DayFileOutput& output, std::string name)
    : output_(output),
      name_(std::move(name)),
      path_(temporary_path(output.directory, name_)),
      file_(output.disk.open(path_)),
      buffer_(output.buffers.take()) {}

FileSink::~FileSink() {
  if (!finished_) ::unlink(path_.c_str());  // the disk writer closes the descriptor
}

void FileSink::append_across_chunks(std::string_view bytes) {
  while (!bytes.empty()) {
    size_t take = std::min(bytes.size(), file_chunk_bytes - buffered_);
    std::memcpy(buffer_.get() + buffered_, bytes.data(), take);
    buffered_ += take;
    bytes.remove_prefix(take);
    if (buffered_ == file_chunk_bytes) hand_over_buffer();
  }
}

// Hands the buffered chunk to the chunk sink and the disk writer. A last, partial chunk is padded
// with zeros to the disk's alignment (the disk writer truncates the file to its size).
void FileSink::hand_over_buffer(bool last) {
  hasher_.update(std::string_view(buffer_.get() + hashed_, buffered_ - hashed_));
  size_t padded = (buffered_ + direct_io_alignment - 1) / direct_io_alignment * direct_io_alignment;
  std::memset(buffer_.get() + buffered_, 0, padded - buffered_);
  std::shared_ptr<const char> chunk = output_.buffers.share(std::move(buffer_));
  if (output_.chunk_sink != nullptr && *output_.chunk_sink) {
    (*output_.chunk_sink)(
        FileChunk{name_, chunk_count_, std::string_view(chunk.get(), buffered_), chunk});
  }
  output_.disk.write(file_, written_bytes_, std::move(chunk), padded);
  ++chunk_count_;
  written_bytes_ += static_cast<int64_t>(buffered_);
  buffered_ = 0;
  hashed_ = 0;
  if (!last) buffer_ = output_.buffers.take();
}

WrittenFile FileSink::finish(std::string_view trailer_fields) {
  CITYCLEAR_CHECK(!finished_, "file finished twice");
  // The trailer's hash covers every byte before the trailer line, the buffered ones included.
  hasher_.update(std::string_view(buffer_.get() + hashed_, buffered_ - hashed_));
  hashed_ = buffered_;
  std::string trailer(trailer_fields);
  trailer += to_hex(hasher_.digest_so_far());
  trailer += '\n';
  append(trailer);
  if (buffered_ > 0) hand_over_buffer(true);
  output_.disk.close(file_, written_bytes_);
  finished_ = true;
  WrittenFile file;
  file.name = name_;
  file.temporary_path = path_;
  file.size_bytes = written_bytes_;
  file.chunk_count = chunk_count_;
  file.sha256 = hasher_.finish();
  return file;
}

}  // namespace cityclear::clearing
