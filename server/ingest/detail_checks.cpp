#include "ingest/detail_checks.h"

#include <fmt/format.h>

namespace cityclear::ingest {
namespace {

// Names the first line that is not 121 characters and a LF.
std::string describe_bad_line(std::string_view details) {
  size_t offset = 0;
  for (size_t index = 0;; ++index) {
    size_t end = details.find('\n', offset);
    std::string_view line = details.substr(
        offset, end == std::string_view::npos ? details.size() - offset : end - offset);
    int64_t number = line_number_of_detail(index);
    if (line.find('\r') != std::string_view::npos)
      return fmt::format("line {} contains a CR (lines end with a single LF)", number);
    if (!line.empty() && line[0] == 'T')
      return fmt::format(
          "line {} is a trailer but lines follow it (nothing may follow the trailer)", number);
    if (!line.empty() && line[0] == 'H') return fmt::format("line {} is a second header", number);
    if (line.size() != detail_line_length) {
      return fmt::format("line {} (detail) is {} characters long; a detail line must be 121",
                         number, line.size());
    }
    if (end == std::string_view::npos)
      return fmt::format("line {} (detail) does not end with a LF", number);
    offset = end + 1;
  }
}

std::optional<std::string> check_counts(const FileLayout& layout, const DetailSummary& summary) {
  if (layout.header.record_count != summary.count) {
    return fmt::format("header record count is {} but the file has {} detail lines",
                       layout.header.record_count, summary.count);
  }
  if (layout.trailer.record_count != summary.count) {
    return fmt::format("trailer record count is {} but the file has {} detail lines",
                       layout.trailer.record_count, summary.count);
  }
  if (layout.trailer.total_amount_fen != summary.total_amount_fen) {
    return fmt::format("trailer total amount is {} fen but the detail amounts add up to {} fen",
                       layout.trailer.total_amount_fen, summary.total_amount_fen);
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> check_details(const FileLayout& layout, DetailSummary& summary,
                                         const std::function<void(size_t)>& release_before) {
  constexpr size_t release_every_lines = 1 << 15;
  std::string_view details = layout.details;
  summary = {};
  if (details.size() % detail_stride != 0) return describe_bad_line(details);
  size_t count = details.size() / detail_stride;
  for (size_t index = 0; index < count; ++index) {
    std::string_view line = detail_line(details, index);
    if (details[index * detail_stride + detail_line_length] != '\n')
      return describe_bad_line(details);
    FieldProblem problem;
    auto record = parse_detail_line(line, problem);
    if (!record) {
      if (line.find('\r') != std::string_view::npos || (line[0] != 'D'))
        return describe_bad_line(details);
      return fmt::format("line {} (detail), field {}: {}", line_number_of_detail(index),
                         problem.field, problem.rule);
    }
    if (record->sequence != index + 1) {
      return fmt::format(
          "line {} (detail), field record sequence: is {} but must be {} (consecutive from 1)",
          line_number_of_detail(index), record->sequence, index + 1);
    }
    summary.total_amount_fen += record->amount_fen;
    if (release_before && index % release_every_lines == 0)
      release_before(header_line_length + 1 + index * detail_stride);
  }
  summary.count = static_cast<int64_t>(count);
  return check_counts(layout, summary);
}

}  // namespace cityclear::ingest
