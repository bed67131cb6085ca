#include "net/tcp_frame.h"

#include "common/check.h"

namespace cityclear::net {

std::optional<uint32_t> decode_frame_length(const std::array<uint8_t, frame_length_bytes>& prefix,
                                            int64_t max_frame_bytes) {
  uint32_t length = (uint32_t{prefix[0]} << 24) | (uint32_t{prefix[1]} << 16) |
                    (uint32_t{prefix[2]} << 8) | uint32_t{prefix[3]};
  if (length == 0 || static_cast<int64_t>(length) > max_frame_bytes) return std::nullopt;
  return length;
}

std::string encode_frame(std::string_view payload) {
  CITYCLEAR_CHECK(payload.size() <= 0xFFFFFFFFu, "a frame payload must fit a 32-bit length");
  auto length = static_cast<uint32_t>(payload.size());
  std::string frame;
  frame.reserve(frame_length_bytes + payload.size());
  frame.push_back(static_cast<char>(length >> 24));
  frame.push_back(static_cast<char>(length >> 16));
  frame.push_back(static_cast<char>(length >> 8));
  frame.push_back(static_cast<char>(length));
  frame.append(payload);
  return frame;
}

}  // namespace cityclear::net
