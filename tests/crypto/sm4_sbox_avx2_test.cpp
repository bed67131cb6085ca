// The AES-NI S-box construction: its nibble tables re-derived from the field algebra, and the
// vectorised S-box checked on all 256 inputs in every byte position.
#include <array>
#include <bit>
#include <catch2/catch.hpp>
#include <cstdint>

#include "crypto/sm4_aes_affine_tables.h"
#include "crypto/sm4_constants.h"
#include "crypto/sm4_kernels.h"

namespace {

using cityclear::crypto::Sm4AesInstruction;
namespace sm4 = cityclear::crypto::sm4;

constexpr unsigned sm4_field = 0x1F5;  // x^8+x^7+x^6+x^5+x^4+x^2+1
constexpr unsigned aes_field = 0x11B;  // x^8+x^4+x^3+x+1

uint8_t multiply(uint8_t left, uint8_t right, unsigned field) {
  unsigned product = 0;
  unsigned a = left;
  for (unsigned b = right; b != 0; b >>= 1) {
    if (b & 1) product ^= a;
    a <<= 1;
    if (a & 0x100) a ^= field;
  }
  return static_cast<uint8_t>(product);
}

uint8_t invert(uint8_t value, unsigned field) {
  if (value == 0) return 0;
  for (unsigned candidate = 1; candidate < 256; ++candidate) {
    if (multiply(value, static_cast<uint8_t>(candidate), field) == 1)
      return static_cast<uint8_t>(candidate);
  }
  FAIL("no inverse");
  return 0;
}

uint8_t rotate(uint8_t value, int bits) {
  return std::rotl(value, bits);
}

// SM4's circulant matrix A (row i is 0xA7 rotated left by i; output bit i = parity(row & x)).
uint8_t sm4_matrix(uint8_t x) {
  uint8_t result = 0;
  for (int bit = 0; bit < 8; ++bit)
    result |= static_cast<uint8_t>((std::popcount(unsigned(rotate(0xA7, bit) & x)) & 1) << bit);
  return result;
}

uint8_t aes_matrix(uint8_t x) {
  return x ^ rotate(x, 1) ^ rotate(x, 2) ^ rotate(x, 3) ^ rotate(x, 4);
}

uint8_t aes_sub_bytes(uint8_t x) {
  return aes_matrix(invert(x, aes_field)) ^ 0x63;
}

// phi: the SM4 field onto the AES field, x^i -> beta^i for the smallest root beta of 0x1F5.
struct Isomorphism {
  std::array<uint8_t, 256> forward{};
  std::array<uint8_t, 256> backward{};
};

Isomorphism field_isomorphism() {
  for (unsigned beta = 2; beta < 256; ++beta) {
    std::array<uint8_t, 9> powers{1};
    for (int i = 1; i < 9; ++i)
      powers[i] = multiply(powers[i - 1], static_cast<uint8_t>(beta), aes_field);
    uint8_t value = 0;
    for (int i = 0; i < 9; ++i) value ^= (sm4_field >> i & 1) ? powers[i] : 0;
    if (value != 0) continue;
    Isomorphism map;
    for (unsigned x = 0; x < 256; ++x) {
      uint8_t image = 0;
      for (int i = 0; i < 8; ++i) image ^= (x >> i & 1) ? powers[i] : 0;
      map.forward[x] = image;
      map.backward[image] = static_cast<uint8_t>(x);
    }
    return map;
  }
  FAIL("0x1F5 has no root in the AES field");
  return {};
}

}  // namespace

TEST_CASE("SM4 S-box is affine around the GF(2^8) inverse", "[sm4][sbox]") {
  for (unsigned x = 0; x < 256; ++x) {
    const uint8_t inner = sm4_matrix(static_cast<uint8_t>(x)) ^ 0xD3;
    REQUIRE((sm4_matrix(invert(inner, sm4_field)) ^ 0xD3) == sm4::sbox[x]);
  }
}

TEST_CASE("SM4 affine nibble tables follow from the field isomorphism", "[sm4][sbox]") {
  const Isomorphism phi = field_isomorphism();
  std::array<uint8_t, 256> aes_matrix_inverse{};
  for (unsigned x = 0; x < 256; ++x)
    aes_matrix_inverse[aes_matrix(static_cast<uint8_t>(x))] = static_cast<uint8_t>(x);
  auto pre = [&](uint8_t x) { return phi.forward[sm4_matrix(x) ^ 0xD3]; };
  auto post = [&](uint8_t y) {
    return static_cast<uint8_t>(sm4_matrix(phi.backward[aes_matrix_inverse[y ^ 0x63]]) ^ 0xD3);
  };
  for (uint8_t n = 0; n < 16; ++n) {
    CHECK(sm4::pre_affine_low[n] == pre(n));
    CHECK(sm4::pre_affine_high[n] == (pre(static_cast<uint8_t>(n << 4)) ^ pre(0)));
    CHECK(sm4::post_affine_low[n] == post(n));
    CHECK(sm4::post_affine_high[n] == (post(static_cast<uint8_t>(n << 4)) ^ post(0)));
  }
  for (unsigned x = 0; x < 256; ++x) {
    const uint8_t in = sm4::pre_affine_low[x & 15] ^ sm4::pre_affine_high[x >> 4];
    const uint8_t out = aes_sub_bytes(in);
    REQUIRE((sm4::post_affine_low[out & 15] ^ sm4::post_affine_high[out >> 4]) == sm4::sbox[x]);
  }
  for (int i = 0; i < 16; ++i) CHECK(sm4::shift_rows[sm4::inverse_shift_rows[i]] == i);
}

TEST_CASE("SM4 vectorised S-box matches the table on all inputs in every position",
          "[sm4][sbox][avx2]") {
  for (const auto instruction : {Sm4AesInstruction::vaes_256, Sm4AesInstruction::aesni_128}) {
    const char* name = instruction == Sm4AesInstruction::vaes_256 ? "vaes_256" : "aesni_128";
    if (!cityclear::crypto::sm4_avx2_kernel_available(instruction)) {
      WARN("SKIP: this CPU cannot run the AVX2 S-box with " << name);
      continue;
    }
    INFO("instruction " << name);
    for (unsigned start = 0; start < 256; ++start) {
      uint8_t in[32];
      uint8_t out[32];
      for (unsigned i = 0; i < 32; ++i)
        in[i] = static_cast<uint8_t>(start + i * 9);  // 9 is odd: all values per position
      cityclear::crypto::sm4_sbox_avx2(instruction, in, out);
      for (unsigned i = 0; i < 32; ++i) REQUIRE(out[i] == sm4::sbox[in[i]]);
    }
  }
}
