#include "clearing/fixed_width.h"

namespace cityclear::clearing {

void write_signed_figure(char* out, int64_t value) {
  CITYCLEAR_CHECK(value > INT64_MIN, "signed figure out of range");
  out[0] = value < 0 ? '-' : '+';
  write_decimal_field(out + 1, signed_figure_width - 1,
                      static_cast<uint64_t>(value < 0 ? -value : value));
}

void write_text_field(char* out, int width, std::string_view text) {
  CITYCLEAR_CHECK(text.size() == static_cast<size_t>(width),
                  "text of the wrong width for its field");
  std::memcpy(out, text.data(), text.size());
}

}  // namespace cityclear::clearing
