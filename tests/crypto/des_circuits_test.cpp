// The building blocks of the bitsliced DES, each against an independent statement of DES:
// the generated S-box circuits exhaustively against the FIPS tables, the bit-matrix transpose
// against a bit-by-bit one, and the FIPS tables themselves (through a plain table-driven DES)
// against OpenSSL on random keys and blocks.
#include <catch2/catch.hpp>
#include <random>

#include "crypto/bit_matrix_transpose.h"
#include "crypto/bitsliced_des.h"
#include "crypto/des_tables.h"
#include "crypto/portable_lanes.h"
#include "crypto/reference_tac.h"

namespace crypto = cityclear::crypto;
namespace des_tables = cityclear::crypto::des_tables;
using crypto::PortableLanes;

namespace {

// Lane v of the result holds bit `bit` (0 = FIPS input bit 1) of the 6-bit value v, so one call
// of a circuit on these six vectors evaluates it on all 64 inputs.
PortableLanes all_inputs_of_bit(int bit) {
  uint64_t lanes = 0;
  for (unsigned value = 0; value < 64; ++value) {
    if ((value >> (5 - bit)) & 1u) lanes |= uint64_t{1} << value;
  }
  return {lanes};
}

template <int Box>
void check_sbox_circuit() {
  PortableLanes out[4] = {PortableLanes::zero(), PortableLanes::zero(), PortableLanes::zero(),
                          PortableLanes::zero()};
  crypto::bitsliced_des::sbox<Box>(all_inputs_of_bit(0), all_inputs_of_bit(1), all_inputs_of_bit(2),
                                   all_inputs_of_bit(3), all_inputs_of_bit(4), all_inputs_of_bit(5),
                                   out[0], out[1], out[2], out[3]);
  for (unsigned value = 0; value < 64; ++value) {
    const unsigned expected = des_tables::sbox_output(Box, value);
    unsigned got = 0;
    for (int bit = 0; bit < 4; ++bit) got = (got << 1) | ((out[bit].bits >> value) & 1u);
    INFO("S" << Box + 1 << " input " << value);
    CHECK(got == expected);
  }
}

int fips_bit(uint64_t value, int number, int width) {
  return static_cast<int>((value >> (width - number)) & 1u);
}

// DES straight from the FIPS tables, one bit at a time: slow and independent of the bitsliced code.
uint64_t table_des_encrypt(uint64_t key, uint64_t block) {
  uint64_t halves = 0;
  for (uint8_t source : des_tables::kPermutedChoice1)
    halves = (halves << 1) | fips_bit(key, source, 64);
  uint64_t permuted = 0;
  for (uint8_t source : des_tables::kInitialPermutation)
    permuted = (permuted << 1) | fips_bit(block, source, 64);
  uint32_t left = static_cast<uint32_t>(permuted >> 32), right = static_cast<uint32_t>(permuted);
  uint32_t c = static_cast<uint32_t>(halves >> 28), d = static_cast<uint32_t>(halves & 0xFFFFFFF);
  for (int round = 0; round < 16; ++round) {
    for (int step = 0; step < des_tables::kKeyRotations[round]; ++step) {
      c = ((c << 1) | (c >> 27)) & 0xFFFFFFF;
      d = ((d << 1) | (d >> 27)) & 0xFFFFFFF;
    }
    const uint64_t joined = (uint64_t{c} << 28) | d;
    uint64_t mixed = 0;
    for (int j = 0; j < 48; ++j) {
      const int key_bit = fips_bit(joined, des_tables::kPermutedChoice2[j], 56);
      mixed = (mixed << 1) | (fips_bit(right, des_tables::kExpansion[j], 32) ^ key_bit);
    }
    uint32_t substituted = 0;
    for (int box = 0; box < 8; ++box) {
      substituted =
          (substituted << 4) | des_tables::sbox_output(box, (mixed >> (42 - 6 * box)) & 63u);
    }
    uint32_t feistel = 0;
    for (uint8_t source : des_tables::kPermutation)
      feistel = (feistel << 1) | fips_bit(substituted, source, 32);
    const uint32_t next_right = left ^ feistel;
    left = right;
    right = next_right;
  }
  const uint64_t pre_output = (uint64_t{right} << 32) | left;
  uint64_t cipher = 0;
  for (int bit = 1; bit <= 64; ++bit) {
    cipher = (cipher << 1) |
             fips_bit(pre_output, crypto::bitsliced_des::kFinalPermutationSource[bit - 1] + 1, 64);
  }
  return cipher;
}

// OpenSSL's single DES, through the reference path.
uint64_t openssl_des_encrypt(uint64_t key, uint64_t block) {
  uint8_t key_bytes[8], in[8], out[8];
  for (int i = 0; i < 8; ++i) {
    key_bytes[i] = static_cast<uint8_t>(key >> (56 - 8 * i));
    in[i] = static_cast<uint8_t>(block >> (56 - 8 * i));
  }
  crypto::reference::des_encrypt_block(key_bytes, in, out);
  uint64_t value = 0;
  for (int i = 0; i < 8; ++i) value = (value << 8) | out[i];
  return value;
}

}  // namespace

TEST_CASE("every generated S-box circuit matches its FIPS table on all 64 inputs",
          "[crypto][des]") {
  check_sbox_circuit<0>();
  check_sbox_circuit<1>();
  check_sbox_circuit<2>();
  check_sbox_circuit<3>();
  check_sbox_circuit<4>();
  check_sbox_circuit<5>();
  check_sbox_circuit<6>();
  check_sbox_circuit<7>();
}

TEST_CASE("the FIPS tables and final permutation make DES as OpenSSL computes it",
          "[crypto][des]") {
  std::mt19937_64 random(20260919);
  for (int trial = 0; trial < 2000; ++trial) {
    const uint64_t key = random(), block = random();
    INFO("trial " << trial);
    REQUIRE(table_des_encrypt(key, block) == openssl_des_encrypt(key, block));
  }
}

TEST_CASE("transpose_64x64 moves bit c of row r to bit r of row c", "[crypto][des]") {
  std::mt19937_64 random(7);
  PortableLanes rows[64];
  uint64_t original[64];
  for (int row = 0; row < 64; ++row) rows[row].bits = original[row] = random();
  crypto::transpose_64x64(rows);
  for (int row = 0; row < 64; ++row) {
    for (int column = 0; column < 64; ++column) {
      REQUIRE(((rows[row].bits >> column) & 1u) == ((original[column] >> row) & 1u));
    }
  }
}
