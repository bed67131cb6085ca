#include <catch2/catch.hpp>

#include "net/tcp_frame.h"

using namespace cityclear::net;

TEST_CASE("frame lengths are 4 bytes big-endian, 1 to the maximum", "[tcp]") {
  CHECK(decode_frame_length({0, 0, 0, 1}, 1024) == 1u);
  CHECK(decode_frame_length({0, 0, 4, 0}, 1024) == 1024u);
  CHECK_FALSE(decode_frame_length({0, 0, 4, 1}, 1024));
  CHECK_FALSE(decode_frame_length({0, 0, 0, 0}, 1024));
  CHECK(decode_frame_length({0x12, 0x34, 0x56, 0x78}, 0xFFFFFFFFLL) == 0x12345678u);
  CHECK_FALSE(decode_frame_length({0xFF, 0xFF, 0xFF, 0xFF}, 1024));
}

TEST_CASE("an answer frame is the big-endian length and the payload", "[tcp]") {
  std::string frame = encode_frame("{}");
  CHECK(frame == std::string("\0\0\0\x02{}", 6));
  std::string long_payload(300, 'x');
  CHECK(encode_frame(long_payload).substr(0, 4) == std::string("\0\0\x01\x2c", 4));
}
