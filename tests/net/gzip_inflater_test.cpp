#include <catch2/catch.hpp>

#include "net/gzip_inflater.h"
#include "support/gzip_compress.h"

using cityclear::net::GzipInflater;
using cityclear::net::InflateStatus;
using cityclear::testing::gzip_compress;

namespace {

// Feeds `compressed` in pieces of `piece` bytes; returns the status and the output.
std::pair<InflateStatus, std::string> inflate_in_pieces(std::string_view compressed, size_t piece,
                                                        int64_t limit) {
  GzipInflater inflater(limit);
  std::string output;
  for (size_t offset = 0; offset < compressed.size(); offset += piece) {
    InflateStatus status =
        inflater.inflate(compressed.substr(offset, piece), [&](std::string_view bytes) {
          output.append(bytes);
          return true;
        });
    if (status != InflateStatus::ok) return {status, output};
  }
  return {inflater.finish(), output};
}

std::string varied_text(size_t size) {
  std::string text;
  for (size_t i = 0; text.size() < size; ++i)
    text += "line " + std::to_string(i * 7919 % 100003) + "\n";
  return text.substr(0, size);
}

}  // namespace

TEST_CASE("gzip bodies inflate to their bytes whatever the piece size", "[gzip]") {
  std::string original = varied_text(300000);
  std::string compressed = gzip_compress(original);
  for (size_t piece : {size_t{1}, size_t{7}, size_t{4096}, compressed.size()}) {
    auto [status, output] = inflate_in_pieces(compressed, piece, 1 << 20);
    CHECK(status == InflateStatus::ok);
    CHECK(output == original);
  }
}

TEST_CASE("several gzip members one after another are one body", "[gzip]") {
  std::string compressed = gzip_compress("first part\n") + gzip_compress("second part\n");
  auto [status, output] = inflate_in_pieces(compressed, 5, 1 << 20);
  CHECK(status == InflateStatus::ok);
  CHECK(output == "first part\nsecond part\n");
}

TEST_CASE("a zip bomb stops at the inflated limit", "[gzip]") {
  std::string compressed = gzip_compress(std::string(50 << 20, '\0'));
  REQUIRE(compressed.size() < 100000);
  auto [status, output] = inflate_in_pieces(compressed, 65536, 1 << 20);
  CHECK(status == InflateStatus::too_large);
  CHECK(output.size() <= (1u << 20) + 65536);
}

TEST_CASE("bytes that are not gzip, or a cut-off stream, are bad data", "[gzip]") {
  CHECK(inflate_in_pieces("this is plain text, not gzip", 4, 1 << 20).first ==
        InflateStatus::bad_data);
  std::string compressed = gzip_compress(varied_text(10000));
  CHECK(inflate_in_pieces(compressed.substr(0, compressed.size() / 2), 100, 1 << 20).first ==
        InflateStatus::bad_data);
  CHECK(inflate_in_pieces("", 1, 1 << 20).first == InflateStatus::bad_data);
  std::string corrupted = compressed;
  corrupted[corrupted.size() - 6] ^= 0x55;  // the CRC
  CHECK(inflate_in_pieces(corrupted, 100, 1 << 20).first == InflateStatus::bad_data);
}

TEST_CASE("an output that refuses bytes stops inflating", "[gzip]") {
  GzipInflater inflater(1 << 20);
  auto status = inflater.inflate(gzip_compress("abc"), [](std::string_view) { return false; });
  CHECK(status == InflateStatus::output_failed);
}
