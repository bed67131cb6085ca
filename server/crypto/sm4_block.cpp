// The scalar SM4 block cipher, written straight from GB/T 32907 with the byte S-box: slow but
// obviously right. It is the reference the bulk kernels are tested against, and it prepares the
// issuer master keys (once per key, so its speed does not matter).
#include <bit>

#include "crypto/sm4_bulk.h"
#include "crypto/sm4_constants.h"

namespace cityclear::crypto {
namespace {

uint32_t load_big_endian(const uint8_t* bytes) {
  return (uint32_t{bytes[0]} << 24) | (uint32_t{bytes[1]} << 16) | (uint32_t{bytes[2]} << 8) |
         bytes[3];
}

void store_big_endian(uint32_t value, uint8_t* bytes) {
  bytes[0] = static_cast<uint8_t>(value >> 24);
  bytes[1] = static_cast<uint8_t>(value >> 16);
  bytes[2] = static_cast<uint8_t>(value >> 8);
  bytes[3] = static_cast<uint8_t>(value);
}

// tau: the S-box on each of the four bytes.
uint32_t substitute_bytes(uint32_t word) {
  uint32_t result = 0;
  for (int shift = 24; shift >= 0; shift -= 8)
    result |= uint32_t{sm4::sbox[(word >> shift) & 0xFF]} << shift;
  return result;
}

// T = L(tau(.)), the round function's mixing (section 6.2).
uint32_t encrypt_transform(uint32_t word) {
  const uint32_t b = substitute_bytes(word);
  return b ^ std::rotl(b, 2) ^ std::rotl(b, 10) ^ std::rotl(b, 18) ^ std::rotl(b, 24);
}

// T' = L'(tau(.)), the key expansion's mixing (section 7.3).
uint32_t key_transform(uint32_t word) {
  const uint32_t b = substitute_bytes(word);
  return b ^ std::rotl(b, 13) ^ std::rotl(b, 23);
}

void encrypt_with_round_keys(const uint32_t round_keys[sm4::rounds], const uint8_t in[16],
                             uint8_t out[16]) {
  uint32_t x[4];
  for (int i = 0; i < 4; ++i) x[i] = load_big_endian(in + 4 * i);
  for (int round = 0; round < sm4::rounds; ++round) {
    const uint32_t next = x[0] ^ encrypt_transform(x[1] ^ x[2] ^ x[3] ^ round_keys[round]);
    x[0] = x[1];
    x[1] = x[2];
    x[2] = x[3];
    x[3] = next;
  }
  // The output is the last four words in reverse order (the final reverse transform R).
  for (int i = 0; i < 4; ++i) store_big_endian(x[3 - i], out + 4 * i);
}

}  // namespace

Sm4MasterKey sm4_prepare_master_key(const uint8_t key[16]) {
  Sm4MasterKey prepared{};
  uint32_t k[4];
  for (int i = 0; i < 4; ++i) k[i] = load_big_endian(key + 4 * i) ^ sm4::system_parameter[i];
  for (int round = 0; round < sm4::rounds; ++round) {
    const uint32_t next = k[0] ^ key_transform(k[1] ^ k[2] ^ k[3] ^ sm4::key_constants[round]);
    prepared.round_keys[round] = next;
    k[0] = k[1];
    k[1] = k[2];
    k[2] = k[3];
    k[3] = next;
  }
  return prepared;
}

void sm4_encrypt_block(const uint8_t key[16], const uint8_t in[16], uint8_t out[16]) {
  const Sm4MasterKey prepared = sm4_prepare_master_key(key);
  encrypt_with_round_keys(prepared.round_keys, in, out);
}

}  // namespace cityclear::crypto
