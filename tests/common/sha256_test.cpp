// SHA-256: the FIPS 180-2 vectors, streamed in pieces, and the digest of a stream so far.
#include <catch2/catch.hpp>

#include <random>
#include <string>

#include "common/hex.h"
#include "common/sha256.h"

using namespace cityclear;

namespace {
constexpr const char* empty_digest =
    "E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855";
constexpr const char* abc_digest =
    "BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD";
constexpr const char* two_blocks = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
constexpr const char* two_blocks_digest =
    "248D6A61D20638B8E5C026930C3E6039A33CE45964FF2167F6ECEDD419DB06C1";
}  // namespace

TEST_CASE("SHA-256 gives the FIPS 180-2 digests in one go", "[sha256]") {
  CHECK(to_hex(sha256("")) == empty_digest);
  CHECK(to_hex(sha256("abc")) == abc_digest);
  CHECK(to_hex(sha256(two_blocks)) == two_blocks_digest);
}

TEST_CASE("the digest so far is that of the bytes given, and the stream goes on", "[sha256]") {
  Sha256 hasher;
  CHECK(to_hex(hasher.digest_so_far()) == empty_digest);
  hasher.update("a");
  CHECK(hasher.digest_so_far() == sha256("a"));
  hasher.update("bc");
  CHECK(to_hex(hasher.digest_so_far()) == abc_digest);
  CHECK(to_hex(hasher.digest_so_far()) == abc_digest);    // asking twice changes nothing
  hasher.update(std::string_view(two_blocks).substr(3));  // the two-block message begins "abc"
  CHECK(to_hex(hasher.finish()) == two_blocks_digest);
}

TEST_CASE("a stream in random pieces hashes as the whole, at every cut", "[sha256]") {
  std::mt19937 random(20261202);
  std::string bytes(10000, '\0');
  for (char& c : bytes) c = static_cast<char>(random());
  Sha256 hasher;
  size_t given = 0;
  while (given < bytes.size()) {
    size_t piece = std::min<size_t>(random() % 200, bytes.size() - given);
    hasher.update(std::string_view(bytes).substr(given, piece));
    given += piece;
    if (random() % 8 == 0)
      REQUIRE(hasher.digest_so_far() == sha256(std::string_view(bytes).substr(0, given)));
  }
  CHECK(hasher.finish() == sha256(bytes));
}
