#pragma once
// Moving 8 records into and out of the AVX2 kernel's lanes. The kernel keeps word j of 8 records
// in one ymm (records 0-3 in the low half, 4-7 in the high half), so each load gathers one piece
// from 8 records and transposes it. Only sm4_bulk_avx2.cpp includes this (see sm4_avx2_sbox.h).
#if !defined(__AVX2__)
#error "sm4_avx2_lanes.h belongs to sm4_bulk_avx2.cpp, compiled with -mavx2"
#endif
#include <immintrin.h>

#include <cstdint>

#include "crypto/sm4_avx2_sbox.h"
#include "crypto/sm4_bulk.h"

namespace cityclear::crypto::sm4_avx2 {

inline constexpr int records_per_vector = 8;

static_assert(sizeof(DiversificationFactor) == 8 && sizeof(TacInput) == 22,
              "records are packed byte arrays");

// Turns every 32-bit word from big-endian bytes into its value (SM4 words are big-endian).
// clang-format off
inline constexpr ConstantBytes byte_swap_words = {{3,  2,  1,  0,  7,  6,  5,  4,  11, 10, 9,  8,  15, 14, 13, 12,
                                                   3,  2,  1,  0,  7,  6,  5,  4,  11, 10, 9,  8,  15, 14, 13, 12}};
// clang-format on

// From bytes 14..21 of two records (one per 64-bit half): the values of bytes 16..19 and of
// 20, 21, 00, 00 per record; the 80 pad byte is ORed in afterwards (0x80 in a control is "zero").
// clang-format off
inline constexpr ConstantBytes second_block_words = {{
    5, 4, 3, 2, 0x80, 0x80, 7, 6, 13, 12, 11, 10, 0x80, 0x80, 15, 14,
    5, 4, 3, 2, 0x80, 0x80, 7, 6, 13, 12, 11, 10, 0x80, 0x80, 15, 14}};
// clang-format on

// The bytes of a record, without calling std::array members: this file's code is compiled for
// AVX2, and an out-of-line std::array member instantiated here could be the copy the linker keeps
// for the portable code too. A std::array is pointer-interconvertible with its element array.
template <typename Record>
[[gnu::always_inline]] inline const uint8_t* bytes_of(const Record& record) {
  return reinterpret_cast<const uint8_t*>(&record);
}

[[gnu::always_inline]] inline Vector load_halves(const void* low, const void* high) {
  const __m128i low_half = _mm_loadu_si128(static_cast<const __m128i*>(low));
  return _mm256_inserti128_si256(_mm256_castsi128_si256(low_half),
                                 _mm_loadu_si128(static_cast<const __m128i*>(high)), 1);
}

// rows[i] holds words 0..3 of records i and i + 4; afterwards rows[j] holds word j of 0..7.
[[gnu::always_inline]] inline void transpose_halves(Vector (&rows)[4]) {
  const Vector words_01_of_01 = _mm256_unpacklo_epi32(rows[0], rows[1]);
  const Vector words_23_of_01 = _mm256_unpackhi_epi32(rows[0], rows[1]);
  const Vector words_01_of_23 = _mm256_unpacklo_epi32(rows[2], rows[3]);
  const Vector words_23_of_23 = _mm256_unpackhi_epi32(rows[2], rows[3]);
  rows[0] = _mm256_unpacklo_epi64(words_01_of_01, words_01_of_23);
  rows[1] = _mm256_unpackhi_epi64(words_01_of_01, words_01_of_23);
  rows[2] = _mm256_unpacklo_epi64(words_23_of_01, words_23_of_23);
  rows[3] = _mm256_unpackhi_epi64(words_23_of_01, words_23_of_23);
}

// Master round keys first_round .. first_round + 3 of 8 records, one vector per round.
[[gnu::always_inline]] inline void load_master_round_keys(const Sm4MasterKey* const* masters,
                                                          int first_round,
                                                          Vector (&round_keys)[4]) {
  for (int i = 0; i < 4; ++i) {
    round_keys[i] =
        load_halves(masters[i]->round_keys + first_round, masters[i + 4]->round_keys + first_round);
  }
  transpose_halves(round_keys);
}

// Splits 16-byte halves holding (word 0, word 1) of two records each into word 0 and word 1 of
// 8 records: pairs holds records 0,1 | 4,5 and 2,3 | 6,7.
[[gnu::always_inline]] inline void split_word_pairs(Vector pairs_0145, Vector pairs_2367,
                                                    Vector& word0, Vector& word1) {
  const __m256 left = _mm256_castsi256_ps(pairs_0145);
  const __m256 right = _mm256_castsi256_ps(pairs_2367);
  word0 = _mm256_castps_si256(_mm256_shuffle_ps(left, right, _MM_SHUFFLE(2, 0, 2, 0)));
  word1 = _mm256_castps_si256(_mm256_shuffle_ps(left, right, _MM_SHUFFLE(3, 1, 3, 1)));
}

// The diversification block f || ~f of 8 consecutive records.
[[gnu::always_inline]] inline void load_factor_block(const DiversificationFactor* factors,
                                                     Vector (&block)[4]) {
  const Vector swap = load(byte_swap_words);
  const Vector pairs_0145 =
      _mm256_shuffle_epi8(load_halves(bytes_of(factors[0]), bytes_of(factors[4])), swap);
  const Vector pairs_2367 =
      _mm256_shuffle_epi8(load_halves(bytes_of(factors[2]), bytes_of(factors[6])), swap);
  split_word_pairs(pairs_0145, pairs_2367, block[0], block[1]);
  const Vector all_ones = _mm256_set1_epi32(-1);
  block[2] = _mm256_xor_si256(block[0], all_ones);
  block[3] = _mm256_xor_si256(block[1], all_ones);
}

// The first MAC block (input bytes 0..15) of 8 consecutive records.
[[gnu::always_inline]] inline void load_first_input_block(const TacInput* inputs,
                                                          Vector (&block)[4]) {
  for (int i = 0; i < 4; ++i) block[i] = load_halves(bytes_of(inputs[i]), bytes_of(inputs[i + 4]));
  transpose_halves(block);
  const Vector swap = load(byte_swap_words);
  for (int i = 0; i < 4; ++i) block[i] = _mm256_shuffle_epi8(block[i], swap);
}

// Bytes 14..21 of two records in one 128-bit half: 8-byte loads that stay inside each record.
[[gnu::always_inline]] inline __m128i load_input_tails(const TacInput& first,
                                                       const TacInput& second) {
  const __m128i first_tail =
      _mm_loadl_epi64(reinterpret_cast<const __m128i*>(bytes_of(first) + 14));
  return _mm_unpacklo_epi64(
      first_tail, _mm_loadl_epi64(reinterpret_cast<const __m128i*>(bytes_of(second) + 14)));
}

// Words 0 and 1 of the second MAC block, bytes 16..21 || 80 || 00; words 2 and 3 are zero.
[[gnu::always_inline]] inline void load_second_input_words(const TacInput* inputs, Vector& word0,
                                                           Vector& word1) {
  const Vector control = load(second_block_words);
  const Vector tails_0145 =
      _mm256_inserti128_si256(_mm256_castsi128_si256(load_input_tails(inputs[0], inputs[1])),
                              load_input_tails(inputs[4], inputs[5]), 1);
  const Vector tails_2367 =
      _mm256_inserti128_si256(_mm256_castsi128_si256(load_input_tails(inputs[2], inputs[3])),
                              load_input_tails(inputs[6], inputs[7]), 1);
  split_word_pairs(_mm256_shuffle_epi8(tails_0145, control),
                   _mm256_shuffle_epi8(tails_2367, control), word0, word1);
  word1 = _mm256_or_si256(word1, _mm256_set1_epi32(0x8000));
}

}  // namespace cityclear::crypto::sm4_avx2
