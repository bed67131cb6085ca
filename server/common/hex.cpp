#include "common/hex.h"

#include <array>

namespace cityclear {
namespace {

// hex_digit_value of every byte, -1 for a non-digit: one load a character in the hot parsers.
constexpr std::array<int8_t, 256> digit_table = [] {
  std::array<int8_t, 256> table{};
  for (int c = 0; c < 256; ++c)
    table[static_cast<size_t>(c)] = static_cast<int8_t>(hex_digit_value(static_cast<char>(c)));
  return table;
}();

int table_digit(char c) {
  return digit_table[static_cast<uint8_t>(c)];
}

}  // namespace

bool is_hex(std::string_view text) {
  for (char c : text) {
    if (hex_digit_value(c) < 0) return false;
  }
  return true;
}

void write_hex(std::span<const uint8_t> bytes, char* out) {
  static constexpr char digits[] = "0123456789ABCDEF";
  for (uint8_t byte : bytes) {
    *out++ = digits[byte >> 4];
    *out++ = digits[byte & 0x0F];
  }
}

std::string to_hex(std::span<const uint8_t> bytes) {
  std::string text(bytes.size() * 2, '0');
  write_hex(bytes, text.data());
  return text;
}

bool parse_hex_into(std::string_view text, std::span<uint8_t> out) {
  if (text.size() != out.size() * 2) return false;
  int invalid = 0;  // any -1 sets the sign bit; checked once after the loop
  for (size_t i = 0; i < out.size(); ++i) {
    int high = table_digit(text[2 * i]);
    int low = table_digit(text[2 * i + 1]);
    invalid |= high | low;
    out[i] = static_cast<uint8_t>((high << 4) | low);
  }
  return invalid >= 0;
}

std::optional<std::vector<uint8_t>> parse_hex(std::string_view text) {
  if (text.size() % 2 != 0) return std::nullopt;
  std::vector<uint8_t> bytes(text.size() / 2);
  if (!parse_hex_into(text, bytes)) return std::nullopt;
  return bytes;
}

std::optional<uint64_t> parse_hex_number(std::string_view text) {
  if (text.empty() || text.size() > 16) return std::nullopt;
  uint64_t value = 0;
  for (char c : text) {
    int digit = hex_digit_value(c);
    if (digit < 0) return std::nullopt;
    value = (value << 4) | static_cast<uint64_t>(digit);
  }
  return value;
}

}  // namespace cityclear
