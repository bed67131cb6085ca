#include "clearing/fixed_width.h"

#include <array>
#include <cstring>

#include "common/check.h"

namespace cityclear::clearing {

namespace {

// "00" "01" ... "99": two digits per division.
constexpr auto digit_pairs = [] {
  std::array<char, 200> pairs{};
  for (int value = 0; value < 100; ++value) {
    pairs[2 * value] = static_cast<char>('0' + value / 10);
    pairs[2 * value + 1] = static_cast<char>('0' + value % 10);
  }
  return pairs;
}();

}  // namespace

void write_decimal_field(char* out, int width, uint64_t value) {
  int position = width;
  while (position >= 2) {
    position -= 2;
    std::memcpy(out + position, &digit_pairs[2 * (value % 100)], 2);
    value /= 100;
  }
  if (position == 1) {
    out[0] = static_cast<char>('0' + value % 10);
    value /= 10;
  }
  CITYCLEAR_CHECK(value == 0, "decimal value wider than its field");
}

void write_signed_figure(char* out, int64_t value) {
  CITYCLEAR_CHECK(value > INT64_MIN, "signed figure out of range");
  out[0] = value < 0 ? '-' : '+';
  write_decimal_field(out + 1, signed_figure_width - 1, static_cast<uint64_t>(value < 0 ? -value : value));
}

void write_hex_field(char* out, int width, uint64_t value) {
  static constexpr char digits[] = "0123456789ABCDEF";
  for (int position = width - 1; position >= 0; --position) {
    out[position] = digits[value & 0x0F];
    value >>= 4;
  }
  CITYCLEAR_CHECK(value == 0, "hex value wider than its field");
}

void write_text_field(char* out, int width, std::string_view text) {
  CITYCLEAR_CHECK(text.size() == static_cast<size_t>(width), "text of the wrong width for its field");
  std::memcpy(out, text.data(), text.size());
}

}  // namespace cityclear::clearing
