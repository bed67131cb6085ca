#pragma once
// Packed BCD and decimal fields of fixed width.
#include <array>
#include <charconv>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace cityclear {

constexpr bool is_decimal(std::string_view text) {
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// Unsigned decimal of a fixed-width, zero-padded field (all digits, no sign); nullopt otherwise.
inline std::optional<uint64_t> parse_decimal(std::string_view field) {
  if (field.empty() || field.size() > 19 || !is_decimal(field)) return std::nullopt;
  uint64_t value = 0;
  std::from_chars(field.data(), field.data() + field.size(), value);
  return value;
}

// Packs an even number of decimal digits into BCD bytes (two digits a byte, first digit high).
// The caller guarantees digits.size() == 2 * out.size() and that every character is a digit.
constexpr void pack_bcd(std::string_view digits, std::span<uint8_t> out) {
  for (size_t i = 0; i < out.size(); ++i) {
    out[i] = static_cast<uint8_t>(((digits[2 * i] - '0') << 4) | (digits[2 * i + 1] - '0'));
  }
}

// Writes the 2 * bytes.size() decimal digits of BCD bytes (nibbles assumed 0-9).
constexpr void unpack_bcd(std::span<const uint8_t> bytes, char* out) {
  for (uint8_t byte : bytes) {
    *out++ = static_cast<char>('0' + (byte >> 4));
    *out++ = static_cast<char>('0' + (byte & 0x0F));
  }
}

// BCD bytes of an unsigned value in `digits` decimal digits (digits even, value fits).
template <size_t Bytes>
constexpr std::array<uint8_t, Bytes> bcd_of_number(uint64_t value) {
  std::array<uint8_t, Bytes> out{};
  for (size_t i = Bytes; i-- > 0;) {
    uint8_t low = static_cast<uint8_t>(value % 10);
    value /= 10;
    uint8_t high = static_cast<uint8_t>(value % 10);
    value /= 10;
    out[i] = static_cast<uint8_t>((high << 4) | low);
  }
  return out;
}

}  // namespace cityclear
