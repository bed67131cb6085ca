#pragma once
// Fixed-width fields of the clearing files (clearing.md): zero-padded decimals, signed figures
// (sign + 14 digits), uppercase hex. A value that does not fit its width is a broken invariant.
// The decimal and hex writers are inline: a day's files take some 150 million of them.
#include <array>
#include <cstdint>
#include <cstring>
#include <string_view>

#include "common/check.h"

namespace cityclear::clearing {

inline constexpr int signed_figure_width = 15;  // sign character + 14 digits

namespace fixed_width_detail {

// "00" "01" ... "99": two digits per division.
inline constexpr auto digit_pairs = [] {
  std::array<char, 200> pairs{};
  for (int value = 0; value < 100; ++value) {
    pairs[2 * value] = static_cast<char>('0' + value / 10);
    pairs[2 * value + 1] = static_cast<char>('0' + value % 10);
  }
  return pairs;
}();

}  // namespace fixed_width_detail

// Writes exactly `width` decimal digits of `value`, zero-padded on the left.
inline void write_decimal_field(char* out, int width, uint64_t value) {
  int position = width;
  while (position >= 2) {
    position -= 2;
    std::memcpy(out + position, &fixed_width_detail::digit_pairs[2 * (value % 100)], 2);
    value /= 100;
  }
  if (position == 1) {
    out[0] = static_cast<char>('0' + value % 10);
    value /= 10;
  }
  CITYCLEAR_CHECK(value == 0, "decimal value wider than its field");
}

// Writes exactly `width` uppercase hex digits of `value`, zero-padded on the left.
inline void write_hex_field(char* out, int width, uint64_t value) {
  static constexpr char digits[] = "0123456789ABCDEF";
  for (int position = width - 1; position >= 0; --position) {
    out[position] = digits[value & 0x0F];
    value >>= 4;
  }
  CITYCLEAR_CHECK(value == 0, "hex value wider than its field");
}

// Writes `+` or `-` then 14 digits of the magnitude (zero is `+00000000000000`).
void write_signed_figure(char* out, int64_t value);
// Copies `text`, which must be exactly `width` characters.
void write_text_field(char* out, int width, std::string_view text);

}  // namespace cityclear::clearing
