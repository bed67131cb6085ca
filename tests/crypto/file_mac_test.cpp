// The batch file MAC: HMAC-SHA256 against OpenSSL's one-shot HMAC and RFC 4231, streamed in odd
// pieces, through the key provider; and the constant-time comparison.
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <random>
#include <string>
#include <vector>

#include "common/hex.h"
#include "crypto/file_key_provider.h"
#include "crypto/file_mac.h"
#include "support/test_paths.h"

namespace crypto = cityclear::crypto;

namespace {

std::span<const uint8_t> bytes_of(const std::string& text) {
  return {reinterpret_cast<const uint8_t*>(text.data()), text.size()};
}

crypto::FileMacValue one_shot_hmac(std::span<const uint8_t> key, std::span<const uint8_t> data) {
  crypto::FileMacValue value{};
  unsigned length = 0;
  REQUIRE(HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), data.data(), data.size(),
               value.data(), &length) != nullptr);
  REQUIRE(length == value.size());
  return value;
}

}  // namespace

TEST_CASE("file MAC is HMAC-SHA256 (RFC 4231 case 2 and OpenSSL's one-shot HMAC)",
          "[crypto][mac]") {
  auto mac = crypto::begin_hmac_sha256(bytes_of("Jefe"));
  mac->update(bytes_of("what do ya want for nothing?"));
  CHECK(cityclear::to_hex(mac->finish()) ==
        "5BDCC146BF60754E6A042426089575C75A003F089D2739839DEC58B964EC3843");

  const std::string text = "TB1|33010001|HZ2026112100000001AB|...\n";
  std::vector<uint8_t> key(32, 0x5A);
  auto file_mac = crypto::begin_hmac_sha256(key);
  file_mac->update(bytes_of(text));
  CHECK(file_mac->finish() == one_shot_hmac(key, bytes_of(text)));
}

TEST_CASE("file MAC streamed in odd-size pieces equals the one-shot MAC", "[crypto][mac]") {
  std::mt19937_64 random(5);
  std::vector<uint8_t> key(32), data(100'003);
  for (auto& byte : key) byte = static_cast<uint8_t>(random());
  for (auto& byte : data) byte = static_cast<uint8_t>(random());
  auto mac = crypto::begin_hmac_sha256(key);
  for (size_t offset = 0; offset < data.size();) {
    const size_t piece = std::min<size_t>(random() % 98, data.size() - offset);  // 0 included
    mac->update(std::span(data).subspan(offset, piece));
    offset += piece;
  }
  CHECK(mac->finish() == one_shot_hmac(key, data));
}

TEST_CASE("the key provider MACs files with the acquirer's file key", "[crypto][mac]") {
  const auto path = cityclear::testing::scratch_dir("crypto_file_mac") / "keys.json";
  std::filesystem::copy_file(cityclear::testing::samples_dir() / "keys.json", path);
  REQUIRE(::chmod(path.c_str(), 0600) == 0);
  const auto provider = crypto::load_file_key_provider(path);
  CHECK(provider->begin_file_mac(44000001) == nullptr);
  auto mac = provider->begin_file_mac(33010001);
  REQUIRE(mac != nullptr);
  mac->update(bytes_of("HEADER\n"));
  mac->update(bytes_of("DETAIL\n"));
  const auto key =
      cityclear::parse_hex("55E5CD8E46DC8ED4B7C2764D2A5A4D767706F85D8690024AD6BDA3401BE9C8CB");
  CHECK(mac->finish() == one_shot_hmac(*key, bytes_of("HEADER\nDETAIL\n")));
}

TEST_CASE("constant_time_equal compares contents and lengths", "[crypto][mac]") {
  const std::vector<uint8_t> a = {1, 2, 3, 4}, b = {1, 2, 3, 4}, c = {1, 2, 3, 5}, d = {1, 2, 3};
  CHECK(crypto::constant_time_equal(a, b));
  CHECK_FALSE(crypto::constant_time_equal(a, c));
  CHECK_FALSE(crypto::constant_time_equal(a, d));
  CHECK(crypto::constant_time_equal(std::span<const uint8_t>(), std::span<const uint8_t>()));
}
