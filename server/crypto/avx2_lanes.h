#pragma once
// 256 bitsliced lanes in one AVX2 register, with the operations of PortableLanes. Include it
// only from translation units compiled with -mavx2: the library as a whole must still run on
// CPUs without AVX2, so only those files are built for it and reached after a CPU check.
#include <immintrin.h>

#include <cstddef>
#include <cstdint>

namespace cityclear::crypto {

struct Avx2Lanes {
  static constexpr size_t kWords = 4;  // four 64-bit words, one 64-lane group each
  static constexpr size_t kLaneCount = 64 * kWords;

  __m256i bits;

  static Avx2Lanes zero() { return {_mm256_setzero_si256()}; }
  static Avx2Lanes all_ones() { return {_mm256_set1_epi64x(-1)}; }
  static Avx2Lanes load_words(const uint64_t* words) {
    return {_mm256_loadu_si256(reinterpret_cast<const __m256i*>(words))};
  }
  void store_words(uint64_t* words) const {
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(words), bits);
  }

  template <int Bits>
  Avx2Lanes shifted_left() const {
    return {_mm256_slli_epi64(bits, Bits)};
  }
  template <int Bits>
  Avx2Lanes shifted_right() const {
    return {_mm256_srli_epi64(bits, Bits)};
  }
  static Avx2Lanes repeated_word(uint64_t word) {
    return {_mm256_set1_epi64x(static_cast<long long>(word))};
  }

  friend Avx2Lanes operator&(Avx2Lanes a, Avx2Lanes b) {
    return {_mm256_and_si256(a.bits, b.bits)};
  }
  friend Avx2Lanes operator|(Avx2Lanes a, Avx2Lanes b) { return {_mm256_or_si256(a.bits, b.bits)}; }
  friend Avx2Lanes operator^(Avx2Lanes a, Avx2Lanes b) {
    return {_mm256_xor_si256(a.bits, b.bits)};
  }
  friend Avx2Lanes operator~(Avx2Lanes a) {
    return {_mm256_xor_si256(a.bits, _mm256_set1_epi64x(-1))};
  }
  // a & ~b (one instruction: vpandn computes ~first & second)
  friend Avx2Lanes and_not(Avx2Lanes a, Avx2Lanes b) {
    return {_mm256_andnot_si256(b.bits, a.bits)};
  }
  Avx2Lanes& operator^=(Avx2Lanes other) {
    bits = _mm256_xor_si256(bits, other.bits);
    return *this;
  }
};

}  // namespace cityclear::crypto
