#include "common/hex.h"

namespace cityclear {

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
  for (size_t i = 0; i < out.size(); ++i) {
    int high = hex_digit_value(text[2 * i]);
    int low = hex_digit_value(text[2 * i + 1]);
    if (high < 0 || low < 0) return false;
    out[i] = static_cast<uint8_t>((high << 4) | low);
  }
  return true;
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
