#pragma once
// The bulk 3DES TAC kernel, written once over a lane vector type and instantiated in
// tdes_bulk_portable.cpp (PortableLanes) and tdes_bulk_avx2.cpp (Avx2Lanes, built with -mavx2).
// Per pass of Lanes::kLaneCount records: transpose the master keys, factors and TAC input
// blocks into bitsliced rows, run 3DES on f and ~f, form the MAC key DTK_L ^ DTK_R without
// leaving the bitsliced domain, run the 3-block CBC-MAC, and transpose out only the 32 TAC bits.
#include <openssl/crypto.h>

#include <cstddef>
#include <cstdint>
#include <cstring>

#include "crypto/bit_matrix_transpose.h"
#include "crypto/bitsliced_des.h"
#include "crypto/tdes_bulk.h"

namespace cityclear::crypto {
// Internal linkage on purpose: this header is compiled both with and without -mavx2, and an
// inline function with external linkage would be emitted by both and merged by the linker,
// which may keep the AVX2-compiled copy for the portable caller (an illegal instruction on
// CPUs without AVX2). The same is why the kernel avoids std:: helpers such as std::min.
namespace {

// The 8 bytes at `bytes` as a big-endian word (one load and a byte swap).
inline uint64_t load_big_endian(const uint8_t* bytes) {
  uint64_t value;
  std::memcpy(&value, bytes, sizeof value);
  return __builtin_bswap64(value);
}

// Everything one pass works on; it holds key material, so the caller wipes it.
template <class Lanes>
struct PassScratch {
  static constexpr size_t kWords = Lanes::kWords;
  static constexpr int kInputs = 6;  // K1, K2, factor, three MAC input blocks
  alignas(64) uint64_t staging[kInputs][64 * kWords];
  Lanes first_key[64];                              // K1 rows
  Lanes second_key[64];                             // K2 rows
  Lanes mac_key[64];                                // (DTK_L ^ DTK_R) rows
  Lanes block[4][64];                               // factor, then the three MAC input blocks
  Lanes left[32], right[32];                        // the factor's block, later the MAC's
  Lanes complement_left[32], complement_right[32];  // ~factor's block
};

// Writes each lane's six 64-bit inputs (K1, K2, factor, the three MAC blocks) to row l % 64,
// word l / 64 of six staging matrices, all in one pass over the records.
template <class Lanes>
inline void stage_inputs(PassScratch<Lanes>& scratch, const TdesMasterKey* const* masters,
                         const DiversificationFactor* factors, const TacInput* inputs,
                         size_t lane_count) {
  constexpr size_t kWords = Lanes::kWords;
  if (lane_count < Lanes::kLaneCount) std::memset(scratch.staging, 0, sizeof scratch.staging);
  for (size_t lane = 0; lane < lane_count; ++lane) {
    const size_t slot = (lane % 64) * kWords + lane / 64;
    const uint8_t* input = inputs[lane].data();
    scratch.staging[0][slot] = masters[lane]->first_key;
    scratch.staging[1][slot] = masters[lane]->second_key;
    scratch.staging[2][slot] = load_big_endian(factors[lane].data());
    scratch.staging[3][slot] = load_big_endian(input);
    scratch.staging[4][slot] = load_big_endian(input + 8);
    // The last block is the input's final 6 bytes, then the padding 80 00 (the load reads
    // bytes 14..21, the last 8 of the input, and shifts the 6 wanted ones up).
    scratch.staging[5][slot] = (load_big_endian(input + 14) << 16) | 0x8000u;
  }
}

// Transposes a staging matrix into rows[64 - b] = FIPS bit b of every lane.
template <class Lanes>
inline void transpose_in(const uint64_t* staging, Lanes* rows) {
  for (size_t row = 0; row < 64; ++row)
    rows[row] = Lanes::load_words(&staging[row * Lanes::kWords]);
  transpose_64x64(rows);
}

// 3DES EDE (K1, K2, K1) of a block already through the initial permutation; the pre-output
// ends as (right, left) = (R16, L16).
template <class Lanes>
inline void triple_des_encrypt(Lanes* left, Lanes* right, const Lanes* first_key,
                               const Lanes* second_key) {
  bitsliced_des::encrypt_rounds(left, right, first_key);
  bitsliced_des::decrypt_rounds(right, left, second_key);
  bitsliced_des::encrypt_rounds(left, right, first_key);
}

// DTK_L = 3DES(f), DTK_R = 3DES(~f); the MAC key is their XOR, written as key rows.
template <class Lanes>
inline void derive_mac_key(PassScratch<Lanes>& scratch) {
  bitsliced_des::load_initial_permutation(scratch.block[0], scratch.left, scratch.right);
  for (int i = 0; i < 32; ++i) {
    scratch.complement_left[i] = ~scratch.left[i];
    scratch.complement_right[i] = ~scratch.right[i];
  }
  triple_des_encrypt(scratch.left, scratch.right, scratch.first_key, scratch.second_key);
  triple_des_encrypt(scratch.complement_left, scratch.complement_right, scratch.first_key,
                     scratch.second_key);
  // The pre-output of DTK_L ^ DTK_R, in place (the scratch is wiped; a local copy would not be).
  for (int i = 0; i < 32; ++i) {
    scratch.complement_right[i] ^= scratch.right[i];
    scratch.complement_left[i] ^= scratch.left[i];
  }
  for (int bit = 1; bit <= 64; ++bit) {
    if (bit % 8 == 0) continue;  // parity bits: DES never reads them
    scratch.mac_key[bitsliced_des::row_of_bit(bit)] =
        bitsliced_des::ciphertext_bit(scratch.complement_right, scratch.complement_left, bit);
  }
}

// CBC-MAC of the three blocks with a zero IV; the last block's pre-output ends as (right, left).
template <class Lanes>
inline void compute_mac(PassScratch<Lanes>& scratch) {
  bitsliced_des::load_initial_permutation(scratch.block[1], scratch.left, scratch.right);
  bitsliced_des::encrypt_rounds(scratch.left, scratch.right, scratch.mac_key);
  bitsliced_des::xor_initial_permutation(scratch.block[2], scratch.right, scratch.left);
  bitsliced_des::encrypt_rounds(scratch.right, scratch.left, scratch.mac_key);
  bitsliced_des::xor_initial_permutation(scratch.block[3], scratch.left, scratch.right);
  bitsliced_des::encrypt_rounds(scratch.left, scratch.right, scratch.mac_key);
}

// Transposes the first 32 ciphertext bits back to one big-endian TAC per lane.
template <class Lanes>
inline void transpose_out_tacs(PassScratch<Lanes>& scratch, uint32_t* tacs, size_t lane_count) {
  constexpr size_t kWords = Lanes::kWords;
  Lanes* rows = scratch.block[0];  // the factor rows are no longer needed
  for (int column = 0; column < 32; ++column) {
    rows[column] = bitsliced_des::ciphertext_bit(scratch.right, scratch.left, 32 - column);
  }
  for (int column = 32; column < 64; ++column) rows[column] = Lanes::zero();
  transpose_64x64(rows);
  uint64_t* words = scratch.staging[0];
  for (size_t row = 0; row < 64; ++row) rows[row].store_words(&words[row * kWords]);
  for (size_t lane = 0; lane < lane_count; ++lane) {
    tacs[lane] = static_cast<uint32_t>(words[(lane % 64) * kWords + lane / 64]);
  }
}

template <class Lanes>
void run_pass(PassScratch<Lanes>& scratch, const TdesMasterKey* const* masters,
              const DiversificationFactor* factors, const TacInput* inputs, uint32_t* tacs,
              size_t lane_count) {
  stage_inputs(scratch, masters, factors, inputs, lane_count);
  transpose_in(scratch.staging[0], scratch.first_key);
  transpose_in(scratch.staging[1], scratch.second_key);
  for (int block = 0; block < 4; ++block)
    transpose_in(scratch.staging[2 + block], scratch.block[block]);
  derive_mac_key(scratch);
  compute_mac(scratch);
  transpose_out_tacs(scratch, tacs, lane_count);
}

template <class Lanes>
void bulk_tacs(const TdesMasterKey* const* masters, const DiversificationFactor* factors,
               const TacInput* inputs, uint32_t* tacs, size_t count) {
  PassScratch<Lanes> scratch;
  for (size_t start = 0; start < count; start += Lanes::kLaneCount) {
    const size_t lanes = count - start < Lanes::kLaneCount ? count - start : Lanes::kLaneCount;
    run_pass(scratch, masters + start, factors + start, inputs + start, tacs + start, lanes);
  }
  OPENSSL_cleanse(&scratch, sizeof scratch);  // keys, DTKs and their transposes
}

}  // namespace
}  // namespace cityclear::crypto
