// The scalar SM4 block cipher against the standard's examples and against OpenSSL.
#include <openssl/evp.h>

#include <array>
#include <catch2/catch.hpp>
#include <cstdint>
#include <random>

#include "common/hex.h"
#include "crypto/sm4_bulk.h"

namespace {

using Block = std::array<uint8_t, 16>;

Block block_from_hex(const char* text) {
  Block block{};
  REQUIRE(cityclear::parse_hex_into(text, block));
  return block;
}

Block openssl_encrypt(const Block& key, const Block& plaintext) {
  EVP_CIPHER_CTX* context = EVP_CIPHER_CTX_new();
  REQUIRE(context != nullptr);
  Block ciphertext{};
  int written = 0;
  const bool ok =
      EVP_EncryptInit_ex(context, EVP_sm4_ecb(), nullptr, key.data(), nullptr) == 1 &&
      EVP_CIPHER_CTX_set_padding(context, 0) == 1 &&
      EVP_EncryptUpdate(context, ciphertext.data(), &written, plaintext.data(), 16) == 1;
  EVP_CIPHER_CTX_free(context);
  REQUIRE(ok);
  REQUIRE(written == 16);
  return ciphertext;
}

}  // namespace

TEST_CASE("SM4 reproduces the GB/T 32907 example", "[sm4]") {
  const Block key = block_from_hex("0123456789ABCDEFFEDCBA9876543210");
  Block out{};
  cityclear::crypto::sm4_encrypt_block(key.data(), key.data(), out.data());
  CHECK(cityclear::to_hex(out) == "681EDF34D206965E86B3E94F536E4246");
}

TEST_CASE("SM4 reproduces the GB/T 32907 example of 1,000,000 encryptions", "[sm4][slow]") {
  const Block key = block_from_hex("0123456789ABCDEFFEDCBA9876543210");
  Block block = key;
  for (int i = 0; i < 1'000'000; ++i)
    cityclear::crypto::sm4_encrypt_block(key.data(), block.data(), block.data());
  CHECK(cityclear::to_hex(block) == "595298C7C6FD271F0402F804C33D3F66");
}

TEST_CASE("SM4 key expansion matches the standard's worked round keys", "[sm4]") {
  const Block key = block_from_hex("0123456789ABCDEFFEDCBA9876543210");
  const cityclear::crypto::Sm4MasterKey prepared =
      cityclear::crypto::sm4_prepare_master_key(key.data());
  CHECK(prepared.round_keys[0] == 0xF12186F9);
  CHECK(prepared.round_keys[31] == 0x9124A012);
}

TEST_CASE("SM4 agrees with OpenSSL on random keys and blocks", "[sm4]") {
  std::mt19937_64 random(0x5e4b10c5);
  for (int trial = 0; trial < 2000; ++trial) {
    Block key{};
    Block plaintext{};
    for (auto& byte : key) byte = static_cast<uint8_t>(random());
    for (auto& byte : plaintext) byte = static_cast<uint8_t>(random());
    Block ours{};
    cityclear::crypto::sm4_encrypt_block(key.data(), plaintext.data(), ours.data());
    REQUIRE(ours == openssl_encrypt(key, plaintext));
  }
}
