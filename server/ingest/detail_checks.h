#pragma once
// The rest of the F01 rules over the detail lines: every line 121 characters and a LF, every
// field in format, sequence 1, 2, 3..., counts of header, trailer and lines equal, total equal.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "ingest/file_layout.h"

namespace cityclear::ingest {

inline constexpr size_t detail_stride = detail_line_length + 1;  // with its LF

struct DetailSummary {
  int64_t count = 0;
  int64_t total_amount_fen = 0;
};

// One sentence naming the line, field and rule of the first problem; nullopt when all hold.
// `release_before` (may be empty) is told the file offset below which bytes are no longer needed.
std::optional<std::string> check_details(const FileLayout& layout, DetailSummary& summary,
                                         const std::function<void(size_t)>& release_before = {});

// The i-th detail line (0-based) of checked details, without its LF.
inline std::string_view detail_line(std::string_view details, size_t index) {
  return details.substr(index * detail_stride, detail_line_length);
}

// Line number in the file of the i-th detail line (the header is line 1).
inline int64_t line_number_of_detail(size_t index) {
  return static_cast<int64_t>(index) + 2;
}

}  // namespace cityclear::ingest
