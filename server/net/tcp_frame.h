#pragma once
// The TCP upload framing (interfaces.md): a 4-byte big-endian length N, 1..max_frame_bytes,
// then N bytes of a TB1 file; the answer is a 4-byte big-endian length and a JSON object.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace cityclear::net {

inline constexpr size_t frame_length_bytes = 4;

// The frame length, or nullopt when it is 0 or over max_frame_bytes (the connection is closed).
std::optional<uint32_t> decode_frame_length(const std::array<uint8_t, frame_length_bytes>& prefix,
                                            int64_t max_frame_bytes);
// The 4-byte big-endian length followed by the payload.
std::string encode_frame(std::string_view payload);

}  // namespace cityclear::net
