#pragma once
// Transposes 64x64 bit matrices, one per 64-bit word of a lane vector, in six swap stages of
// shrinking block width (Hacker's Delight 7-3): about 1,150 vector operations for the whole
// matrix, against 4,096 single-bit moves for a naive transpose.
#include <array>
#include <cstdint>

namespace cityclear::crypto {

namespace bit_matrix_detail {

// Swaps, for every pair of rows (r, r + Width) with r & Width == 0, the bits of row r whose
// column has the Width bit set with the bits of row r + Width whose column has it clear.
template <int Width, class Lanes>
inline void swap_stage(Lanes* rows, uint64_t low_columns_mask) {
  const Lanes mask = Lanes::repeated_word(low_columns_mask);
  for (int base = 0; base < 64; base += 2 * Width) {
    for (int row = base; row < base + Width; ++row) {
      Lanes moved = (rows[row].template shifted_right<Width>() ^ rows[row + Width]) & mask;
      rows[row + Width] ^= moved;
      rows[row] ^= moved.template shifted_left<Width>();
    }
  }
}

}  // namespace bit_matrix_detail

// rows[r] bit c (of every 64-bit word) becomes rows[c] bit r.
template <class Lanes>
inline void transpose_64x64(Lanes* rows) {
  using bit_matrix_detail::swap_stage;
  swap_stage<32>(rows, 0x00000000FFFFFFFFull);
  swap_stage<16>(rows, 0x0000FFFF0000FFFFull);
  swap_stage<8>(rows, 0x00FF00FF00FF00FFull);
  swap_stage<4>(rows, 0x0F0F0F0F0F0F0F0Full);
  swap_stage<2>(rows, 0x3333333333333333ull);
  swap_stage<1>(rows, 0x5555555555555555ull);
}

}  // namespace cityclear::crypto
