#pragma once
// 64 bitsliced lanes in one uint64_t: the portable lane vector of the bulk kernels (see
// avx2_lanes.h for the 256-lane one with the same operations). A struct rather than a bare
// uint64_t so that the kernel templates read the same for both.
#include <cstddef>
#include <cstdint>

namespace cityclear::crypto {

struct PortableLanes {
  static constexpr size_t kWords = 1;  // 64-bit words side by side, one 64-lane group each
  static constexpr size_t kLaneCount = 64 * kWords;

  uint64_t bits;

  static PortableLanes zero() { return {0}; }
  static PortableLanes all_ones() { return {~uint64_t{0}}; }
  static PortableLanes load_words(const uint64_t* words) { return {words[0]}; }
  void store_words(uint64_t* words) const { words[0] = bits; }

  // Shifts inside every 64-bit word (used by the bit-matrix transposes).
  template <int Bits>
  PortableLanes shifted_left() const {
    return {bits << Bits};
  }
  template <int Bits>
  PortableLanes shifted_right() const {
    return {bits >> Bits};
  }
  static PortableLanes repeated_word(uint64_t word) { return {word}; }

  friend PortableLanes operator&(PortableLanes a, PortableLanes b) { return {a.bits & b.bits}; }
  friend PortableLanes operator|(PortableLanes a, PortableLanes b) { return {a.bits | b.bits}; }
  friend PortableLanes operator^(PortableLanes a, PortableLanes b) { return {a.bits ^ b.bits}; }
  friend PortableLanes operator~(PortableLanes a) { return {~a.bits}; }
  // a & ~b
  friend PortableLanes and_not(PortableLanes a, PortableLanes b) { return {a.bits & ~b.bits}; }
  PortableLanes& operator^=(PortableLanes other) {
    bits ^= other.bits;
    return *this;
  }
};

}  // namespace cityclear::crypto
