#pragma once
// Streaming gzip decoding (Content-Encoding: gzip) with a cap on the inflated size, so a small
// compressed body cannot expand without bound (a zip bomb is refused, not inflated).
#include <cstdint>
#include <functional>
#include <memory>
#include <string_view>

namespace cityclear::net {

enum class InflateStatus {
  ok,
  too_large,      // the inflated bytes passed max_output_bytes
  bad_data,       // not gzip, corrupt, or cut off (at finish)
  output_failed,  // the output callback refused the bytes (e.g. disk full)
};

class GzipInflater {
 public:
  // Receives each piece of inflated output; returns false to stop (output_failed).
  using Output = std::function<bool(std::string_view)>;

  explicit GzipInflater(int64_t max_output_bytes);
  ~GzipInflater();
  GzipInflater(const GzipInflater&) = delete;
  GzipInflater& operator=(const GzipInflater&) = delete;

  // Inflates the next compressed bytes (several gzip members one after another are allowed).
  InflateStatus inflate(std::string_view compressed, const Output& output);
  // After the last bytes: bad_data unless at least one member ended and none is half done.
  InflateStatus finish() const;

  int64_t output_bytes() const { return output_bytes_; }

 private:
  struct Stream;
  InflateStatus inflate_member_bytes(std::string_view& compressed, const Output& output);

  std::unique_ptr<Stream> stream_;
  int64_t max_output_bytes_;
  int64_t output_bytes_ = 0;
  bool inside_member_ = false;
  bool saw_complete_member_ = false;
  InflateStatus failure_ = InflateStatus::ok;
};

}  // namespace cityclear::net
