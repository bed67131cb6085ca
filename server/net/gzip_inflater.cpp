#include "net/gzip_inflater.h"

#include <array>
#include <zlib.h>

#include "common/check.h"

namespace cityclear::net {
namespace {
constexpr int gzip_window_bits = 16 + MAX_WBITS;  // gzip wrapper only
constexpr size_t output_chunk_bytes = 64 * 1024;
}  // namespace

struct GzipInflater::Stream {
  z_stream z{};
  std::array<unsigned char, output_chunk_bytes> output{};
};

GzipInflater::GzipInflater(int64_t max_output_bytes)
    : stream_(std::make_unique<Stream>()), max_output_bytes_(max_output_bytes) {
  int status = inflateInit2(&stream_->z, gzip_window_bits);
  CITYCLEAR_CHECK(status == Z_OK, "zlib inflateInit2 failed");
}

GzipInflater::~GzipInflater() {
  inflateEnd(&stream_->z);
}

InflateStatus GzipInflater::inflate(std::string_view compressed, const Output& output) {
  if (failure_ != InflateStatus::ok) return failure_;
  while (!compressed.empty()) {
    if (!inside_member_) {
      inflateReset(&stream_->z);
      inside_member_ = true;
    }
    failure_ = inflate_member_bytes(compressed, output);
    if (failure_ != InflateStatus::ok) return failure_;
  }
  return InflateStatus::ok;
}

// Inflates until the input is used up or the current member ends (the rest stays in `compressed`).
InflateStatus GzipInflater::inflate_member_bytes(std::string_view& compressed,
                                                 const Output& output) {
  z_stream& z = stream_->z;
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(compressed.data()));
  z.avail_in = static_cast<uInt>(compressed.size());
  int status = Z_OK;
  do {
    z.next_out = stream_->output.data();
    z.avail_out = static_cast<uInt>(stream_->output.size());
    status = ::inflate(&z, Z_NO_FLUSH);
    if (status != Z_OK && status != Z_STREAM_END && status != Z_BUF_ERROR)
      return InflateStatus::bad_data;
    size_t produced = stream_->output.size() - z.avail_out;
    output_bytes_ += static_cast<int64_t>(produced);
    if (output_bytes_ > max_output_bytes_) return InflateStatus::too_large;
    if (produced > 0 &&
        !output({reinterpret_cast<const char*>(stream_->output.data()), produced})) {
      return InflateStatus::output_failed;
    }
    if (status == Z_BUF_ERROR && produced == 0) break;  // needs more input
  } while (status != Z_STREAM_END && (z.avail_in > 0 || z.avail_out == 0));
  if (status == Z_STREAM_END) {
    inside_member_ = false;
    saw_complete_member_ = true;
  }
  compressed.remove_prefix(compressed.size() - z.avail_in);
  return InflateStatus::ok;
}

InflateStatus GzipInflater::finish() const {
  if (failure_ != InflateStatus::ok) return failure_;
  return (saw_complete_member_ && !inside_member_) ? InflateStatus::ok : InflateStatus::bad_data;
}

}  // namespace cityclear::net
