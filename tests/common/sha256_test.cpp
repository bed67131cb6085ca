// SHA-256: the FIPS 180-2 vectors, streamed in pieces, and the digest of a stream so far.
#include <catch2/catch.hpp>

#include <random>
#include <string>

#include "common/hex.h"
#include "common/sha256.h"

using namespace cityclear;

namespace {
constexpr const char* empty_digest = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
constexpr const char* abc_digest = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
constexpr const char* two_blocks = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
constexpr const char* two_blocks_digest = "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1";

std::string lower_hex(const Sha256Digest& digest) {
  std::string text = to_hex(digest);
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}
}  // namespace

TEST_CASE("SHA-256 gives the FIPS 180-2 digests in one go", "[sha256]") {
  CHECK(lower_hex(sha256("")) == empty_digest);
  CHECK(lower_hex(sha256("abc")) == abc_digest);
  CHECK(lower_hex(sha256(two_blocks)) == two_blocks_digest);
}

TEST_CASE("the digest so far is that of the bytes given, and the stream goes on", "[sha256]") {
  Sha256 hasher;
  CHECK(lower_hex(hasher.digest_so_far()) == empty_digest);
  hasher.update("a");
  CHECK(hasher.digest_so_far() == sha256("a"));
  hasher.update("bc");
  CHECK(lower_hex(hasher.digest_so_far()) == abc_digest);
  CHECK(lower_hex(hasher.digest_so_far()) == abc_digest);  // asking twice changes nothing
  hasher.update(std::string_view(two_blocks).substr(3));  // the two-block message begins "abc"
  CHECK(lower_hex(hasher.finish()) == two_blocks_digest);
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
    if (random() % 8 == 0) REQUIRE(hasher.digest_so_far() == sha256(std::string_view(bytes).substr(0, given)));
  }
  CHECK(hasher.finish() == sha256(bytes));
}
