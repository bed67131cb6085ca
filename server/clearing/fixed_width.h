#pragma once
// Fixed-width fields of the clearing files (clearing.md): zero-padded decimals, signed figures
// (sign + 14 digits), uppercase hex. A value that does not fit its width is a broken invariant.
#include <cstdint>
#include <string_view>

namespace cityclear::clearing {

inline constexpr int signed_figure_width = 15;  // sign character + 14 digits

// Writes exactly `width` decimal digits of `value`, zero-padded on the left.
void write_decimal_field(char* out, int width, uint64_t value);
// Writes `+` or `-` then 14 digits of the magnitude (zero is `+00000000000000`).
void write_signed_figure(char* out, int64_t value);
// Writes exactly `width` uppercase hex digits of `value`, zero-padded on the left.
void write_hex_field(char* out, int width, uint64_t value);
// Copies `text`, which must be exactly `width` characters.
void write_text_field(char* out, int width, std::string_view text);

}  // namespace cityclear::clearing
