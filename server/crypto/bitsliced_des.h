#pragma once
// Bitsliced DES over a lane vector (PortableLanes: 64 blocks at once, Avx2Lanes: 256): bit i of
// every block lives in its own vector, so one gate acts on that bit of all blocks, each with its
// own key. Every DES permutation is wiring: the tables below say which vector feeds which gate,
// and the key schedule is free because round-key bit j of round r is just key vector
// kRoundKeyRows[r][j] (no per-block key setup at all).
//
// Layout: a 64-bit block or key is 64 vectors `rows`, rows[64 - b] holding FIPS bit b (b = 1 is
// the most significant bit of the first byte) - the layout transpose_64x64 produces from
// big-endian 64-bit words. A block inside the cipher is two halves of 32 vectors, indexed by
// FIPS bit - 1 of the half.
#include <array>
#include <cstdint>

#include "crypto/des_sbox_circuits.h"
#include "crypto/des_tables.h"

namespace cityclear::crypto::bitsliced_des {

constexpr int row_of_bit(int fips_bit) {
  return 64 - fips_bit;
}

// Position (0-based, in the 64-bit pre-output R16||L16) that ciphertext bit i + 1 comes from:
// the final permutation, the inverse of the initial one.
inline constexpr std::array<uint8_t, 64> kFinalPermutationSource = [] {
  std::array<uint8_t, 64> source{};
  for (int i = 0; i < 64; ++i)
    source[des_tables::kInitialPermutation[i] - 1] = static_cast<uint8_t>(i);
  return source;
}();

// Where S-box output bit q (0..31) lands in the target half: the inverse of permutation P.
inline constexpr std::array<uint8_t, 32> kSboxOutputTarget = [] {
  std::array<uint8_t, 32> target{};
  for (int i = 0; i < 32; ++i) target[des_tables::kPermutation[i] - 1] = static_cast<uint8_t>(i);
  return target;
}();

// Key row feeding round-key bit j of round r (PC1, the rotations and PC2 folded together).
inline constexpr std::array<std::array<uint8_t, 48>, 16> kRoundKeyRows = [] {
  std::array<std::array<uint8_t, 48>, 16> rows{};
  std::array<uint8_t, 56> halves{};  // C||D as FIPS key bit numbers
  for (int i = 0; i < 56; ++i) halves[i] = des_tables::kPermutedChoice1[i];
  for (int round = 0; round < 16; ++round) {
    for (int step = 0; step < des_tables::kKeyRotations[round]; ++step) {
      uint8_t first_c = halves[0], first_d = halves[28];
      for (int i = 0; i < 27; ++i) {
        halves[i] = halves[i + 1];
        halves[28 + i] = halves[29 + i];
      }
      halves[27] = first_c;
      halves[55] = first_d;
    }
    for (int j = 0; j < 48; ++j) {
      rows[round][j] =
          static_cast<uint8_t>(row_of_bit(halves[des_tables::kPermutedChoice2[j] - 1]));
    }
  }
  return rows;
}();

template <int Box, class Lanes>
inline void sbox(Lanes a1, Lanes a2, Lanes a3, Lanes a4, Lanes a5, Lanes a6, Lanes& out1,
                 Lanes& out2, Lanes& out3, Lanes& out4) {
  if constexpr (Box == 0) des_sbox1(a1, a2, a3, a4, a5, a6, out1, out2, out3, out4);
  if constexpr (Box == 1) des_sbox2(a1, a2, a3, a4, a5, a6, out1, out2, out3, out4);
  if constexpr (Box == 2) des_sbox3(a1, a2, a3, a4, a5, a6, out1, out2, out3, out4);
  if constexpr (Box == 3) des_sbox4(a1, a2, a3, a4, a5, a6, out1, out2, out3, out4);
  if constexpr (Box == 4) des_sbox5(a1, a2, a3, a4, a5, a6, out1, out2, out3, out4);
  if constexpr (Box == 5) des_sbox6(a1, a2, a3, a4, a5, a6, out1, out2, out3, out4);
  if constexpr (Box == 6) des_sbox7(a1, a2, a3, a4, a5, a6, out1, out2, out3, out4);
  if constexpr (Box == 7) des_sbox8(a1, a2, a3, a4, a5, a6, out1, out2, out3, out4);
}

// target ^= P(S(E(source) ^ round key)) for one S-box's six inputs and four outputs.
template <int Box, class Lanes>
inline void feistel_sbox(const Lanes* source, Lanes* target, const Lanes* key_rows,
                         const uint8_t* round_key_rows) {
  constexpr int first = Box * 6;
  constexpr auto& expansion = des_tables::kExpansion;
  const Lanes a1 = source[expansion[first + 0] - 1] ^ key_rows[round_key_rows[first + 0]];
  const Lanes a2 = source[expansion[first + 1] - 1] ^ key_rows[round_key_rows[first + 1]];
  const Lanes a3 = source[expansion[first + 2] - 1] ^ key_rows[round_key_rows[first + 2]];
  const Lanes a4 = source[expansion[first + 3] - 1] ^ key_rows[round_key_rows[first + 3]];
  const Lanes a5 = source[expansion[first + 4] - 1] ^ key_rows[round_key_rows[first + 4]];
  const Lanes a6 = source[expansion[first + 5] - 1] ^ key_rows[round_key_rows[first + 5]];
  sbox<Box>(a1, a2, a3, a4, a5, a6, target[kSboxOutputTarget[Box * 4 + 0]],
            target[kSboxOutputTarget[Box * 4 + 1]], target[kSboxOutputTarget[Box * 4 + 2]],
            target[kSboxOutputTarget[Box * 4 + 3]]);
}

// One Feistel round done in place: target ^= f(source, round key). The halves swap roles
// between rounds instead of being copied.
template <class Lanes>
inline void feistel_round(const Lanes* source, Lanes* target, const Lanes* key_rows,
                          const uint8_t* round_key_rows) {
  feistel_sbox<0>(source, target, key_rows, round_key_rows);
  feistel_sbox<1>(source, target, key_rows, round_key_rows);
  feistel_sbox<2>(source, target, key_rows, round_key_rows);
  feistel_sbox<3>(source, target, key_rows, round_key_rows);
  feistel_sbox<4>(source, target, key_rows, round_key_rows);
  feistel_sbox<5>(source, target, key_rows, round_key_rows);
  feistel_sbox<6>(source, target, key_rows, round_key_rows);
  feistel_sbox<7>(source, target, key_rows, round_key_rows);
}

// The 16 rounds of DES on a block already through the initial permutation (left = L0,
// right = R0). Afterwards left = L16 and right = R16, so the pre-output R16||L16 is
// (right, left): the next DES operation on it (3DES, CBC) starts with the halves swapped, and
// the final permutation is only wiring (kFinalPermutationSource).
template <class Lanes>
inline void encrypt_rounds(Lanes* left, Lanes* right, const Lanes* key_rows) {
  for (int round = 0; round < 16; round += 2) {
    feistel_round(right, left, key_rows, kRoundKeyRows[round].data());
    feistel_round(left, right, key_rows, kRoundKeyRows[round + 1].data());
  }
}

// Decryption: the same rounds with the round keys in reverse order.
template <class Lanes>
inline void decrypt_rounds(Lanes* left, Lanes* right, const Lanes* key_rows) {
  for (int round = 15; round > 0; round -= 2) {
    feistel_round(right, left, key_rows, kRoundKeyRows[round].data());
    feistel_round(left, right, key_rows, kRoundKeyRows[round - 1].data());
  }
}

// Loads block rows (rows[64 - b] = FIPS bit b) through the initial permutation into halves.
template <class Lanes>
inline void load_initial_permutation(const Lanes* block_rows, Lanes* left, Lanes* right) {
  for (int i = 0; i < 32; ++i) {
    left[i] = block_rows[row_of_bit(des_tables::kInitialPermutation[i])];
    right[i] = block_rows[row_of_bit(des_tables::kInitialPermutation[32 + i])];
  }
}

// XORs block rows through the initial permutation into halves (CBC chaining).
template <class Lanes>
inline void xor_initial_permutation(const Lanes* block_rows, Lanes* left, Lanes* right) {
  for (int i = 0; i < 32; ++i) {
    left[i] ^= block_rows[row_of_bit(des_tables::kInitialPermutation[i])];
    right[i] ^= block_rows[row_of_bit(des_tables::kInitialPermutation[32 + i])];
  }
}

// Ciphertext bit `fips_bit` of a pre-output held as (first = R16, second = L16).
template <class Lanes>
inline const Lanes& ciphertext_bit(const Lanes* first, const Lanes* second, int fips_bit) {
  const int source = kFinalPermutationSource[fips_bit - 1];
  return source < 32 ? first[source] : second[source - 32];
}

}  // namespace cityclear::crypto::bitsliced_des
