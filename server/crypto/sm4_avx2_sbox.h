#pragma once
// The SM4 S-box and linear maps on 32 bytes at once, with AVX2 and AES-NI: the core of the AVX2
// kernel. Only sm4_bulk_avx2.cpp includes this (it is compiled with -mavx2 -maes -mvaes, and the
// callers check the CPU at run time before entering it).
//
// SM4's S-box is affine o GF(2^8)-inverse o affine, and so is AES's SubBytes, over an isomorphic
// field (sm4_aes_affine_tables.h). aesenclast with a zero round key computes SubBytes (and a
// ShiftRows, undone later by a byte shuffle): wrapping it in two affine maps, each two 4-bit
// vpshufb lookups, gives 32 SM4 S-boxes in 13 instructions. The Linux kernel's
// arch/x86/crypto/sm4-aesni-avx2-asm_64.S uses the same construction.
#if !defined(__AVX2__) || !defined(__AES__) || !defined(__VAES__)
#error "sm4_avx2_sbox.h belongs to sm4_bulk_avx2.cpp, compiled with -mavx2 -maes -mvaes"
#endif
#include <immintrin.h>

#include <array>
#include <cstdint>

#include "crypto/sm4_aes_affine_tables.h"
#include "crypto/sm4_kernels.h"

namespace cityclear::crypto::sm4_avx2 {

using Vector = __m256i;

// 32 constant bytes, a 16-byte pattern in both 128-bit halves (vpshufb works per half). Built at
// compile time so that this file calls no std::array code at run time (see sm4_bulk_avx2.cpp).
struct alignas(32) ConstantBytes {
  uint8_t bytes[32];
};

constexpr ConstantBytes in_both_halves(const std::array<uint8_t, 16>& pattern) {
  ConstantBytes constant{};
  for (int i = 0; i < 16; ++i) constant.bytes[i] = constant.bytes[i + 16] = pattern[i];
  return constant;
}

// The vpshufb control that reads aesenclast's output in SM4 byte order and, in the same step,
// rotates every 32-bit word left by 8 * byte_rotation bits (byte b of a little-endian word comes
// from byte b - byte_rotation).
constexpr ConstantBytes unshift_rows_and_rotate(int byte_rotation) {
  std::array<uint8_t, 16> control{};
  for (int i = 0; i < 16; ++i) {
    const int source = (i & ~3) | ((i - byte_rotation) & 3);
    control[i] = sm4::inverse_shift_rows[source];
  }
  return in_both_halves(control);
}

inline constexpr ConstantBytes pre_affine_low = in_both_halves(sm4::pre_affine_low);
inline constexpr ConstantBytes pre_affine_high = in_both_halves(sm4::pre_affine_high);
inline constexpr ConstantBytes post_affine_low = in_both_halves(sm4::post_affine_low);
inline constexpr ConstantBytes post_affine_high = in_both_halves(sm4::post_affine_high);
inline constexpr ConstantBytes unshift_rows = unshift_rows_and_rotate(0);
inline constexpr ConstantBytes unshift_rows_rotate_8 = unshift_rows_and_rotate(1);
inline constexpr ConstantBytes unshift_rows_rotate_16 = unshift_rows_and_rotate(2);
inline constexpr ConstantBytes unshift_rows_rotate_24 = unshift_rows_and_rotate(3);

[[gnu::always_inline]] inline Vector load(const ConstantBytes& constant) {
  return _mm256_load_si256(reinterpret_cast<const __m256i*>(constant.bytes));
}

// An affine byte map given by its two nibble tables: f(x) = low[x & 15] ^ high[x >> 4].
[[gnu::always_inline]] inline Vector affine(Vector x, const ConstantBytes& low_table,
                                            const ConstantBytes& high_table) {
  const Vector nibble_mask = _mm256_set1_epi8(0x0F);
  const Vector low = _mm256_and_si256(x, nibble_mask);
  const Vector high = _mm256_and_si256(_mm256_srli_epi16(x, 4), nibble_mask);
  return _mm256_xor_si256(_mm256_shuffle_epi8(load(low_table), low),
                          _mm256_shuffle_epi8(load(high_table), high));
}

// AES SubBytes (after ShiftRows) of 32 bytes.
template <Sm4AesInstruction instruction>
[[gnu::always_inline]] inline Vector aes_sub_bytes_shifted(Vector x) {
  if constexpr (instruction == Sm4AesInstruction::vaes_256) {
    return _mm256_aesenclast_epi128(x, _mm256_setzero_si256());
  } else {
    const __m128i low = _mm_aesenclast_si128(_mm256_castsi256_si128(x), _mm_setzero_si128());
    const __m128i high = _mm_aesenclast_si128(_mm256_extracti128_si256(x, 1), _mm_setzero_si128());
    return _mm256_inserti128_si256(_mm256_castsi128_si256(low), high, 1);
  }
}

// SM4's S-box on all 32 bytes; the results are in ShiftRows order within each 128-bit half.
template <Sm4AesInstruction instruction>
[[gnu::always_inline]] inline Vector sbox_shifted(Vector x) {
  const Vector inverted =
      aes_sub_bytes_shifted<instruction>(affine(x, pre_affine_low, pre_affine_high));
  return affine(inverted, post_affine_low, post_affine_high);
}

template <int bits>
[[gnu::always_inline]] inline Vector rotate_left(Vector x) {
  return _mm256_or_si256(_mm256_slli_epi32(x, bits), _mm256_srli_epi32(x, 32 - bits));
}

// L(B) = B ^ (B <<< 2) ^ (B <<< 10) ^ (B <<< 18) ^ (B <<< 24), from the shifted S-box output,
// as B ^ (B <<< 24) ^ ((B ^ (B <<< 8) ^ (B <<< 16)) <<< 2): the byte rotations ride on the
// un-ShiftRows shuffles, leaving one bit rotation.
[[gnu::always_inline]] inline Vector encrypt_linear(Vector shifted) {
  const Vector b = _mm256_shuffle_epi8(shifted, load(unshift_rows));
  const Vector b8 = _mm256_shuffle_epi8(shifted, load(unshift_rows_rotate_8));
  const Vector b16 = _mm256_shuffle_epi8(shifted, load(unshift_rows_rotate_16));
  const Vector b24 = _mm256_shuffle_epi8(shifted, load(unshift_rows_rotate_24));
  const Vector folded = rotate_left<2>(_mm256_xor_si256(_mm256_xor_si256(b, b8), b16));
  return _mm256_xor_si256(_mm256_xor_si256(b, b24), folded);
}

// L'(B) = B ^ (B <<< 13) ^ (B <<< 23), from the shifted S-box output. Plain shifts are cheaper
// here than byte rotations plus bit corrections.
[[gnu::always_inline]] inline Vector key_linear(Vector shifted) {
  const Vector b = _mm256_shuffle_epi8(shifted, load(unshift_rows));
  return _mm256_xor_si256(_mm256_xor_si256(b, rotate_left<13>(b)), rotate_left<23>(b));
}

}  // namespace cityclear::crypto::sm4_avx2
