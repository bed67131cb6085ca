#pragma once
// Hex text <-> bytes. Output is uppercase; input accepts either case.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace cityclear {

// Value of one hex digit, or -1 when the character is not [0-9A-Fa-f].
constexpr int hex_digit_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

bool is_hex(std::string_view text);
std::string to_hex(std::span<const uint8_t> bytes);
// Writes 2 * bytes.size() uppercase characters to out.
void write_hex(std::span<const uint8_t> bytes, char* out);
// Decodes exactly out.size() bytes from 2 * out.size() hex characters; false on a bad character or
// length.
bool parse_hex_into(std::string_view text, std::span<uint8_t> out);
std::optional<std::vector<uint8_t>> parse_hex(std::string_view text);
// Big-endian unsigned value of up to 16 hex characters; nullopt on a bad character or empty text.
std::optional<uint64_t> parse_hex_number(std::string_view text);

}  // namespace cityclear
