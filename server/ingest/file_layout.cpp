#include "ingest/file_layout.h"

#include <fmt/format.h>

namespace cityclear::ingest {
namespace {

std::string line_problem(size_t line_number, const char* what, const FieldProblem& problem) {
  return fmt::format("line {} ({}), field {}: {}", line_number, what, problem.field, problem.rule);
}

std::optional<BatchTrailer> read_trailer(std::string_view bytes, size_t& trailer_offset,
                                         std::string& detail) {
  if (bytes.back() != '\n') {
    detail =
        "the file does not end with a LF after the trailer line (nothing may follow the trailer)";
    return std::nullopt;
  }
  size_t previous_break = bytes.rfind('\n', bytes.size() - 2);
  trailer_offset = previous_break == std::string_view::npos ? 0 : previous_break + 1;
  std::string_view line = bytes.substr(trailer_offset, bytes.size() - 1 - trailer_offset);
  if (trailer_offset == 0 || line.empty() || line[0] != 'T') {
    detail = "no trailer line: the last line must be a trailer (T) and nothing may follow it";
    return std::nullopt;
  }
  if (line.find('\r') != std::string_view::npos) {
    detail = "the trailer line contains a CR (lines end with a single LF)";
    return std::nullopt;
  }
  FieldProblem problem;
  auto trailer = parse_trailer_line(line, problem);
  if (!trailer) detail = fmt::format("trailer line, field {}: {}", problem.field, problem.rule);
  return trailer;
}

}  // namespace

std::optional<BatchHeader> peek_header(std::string_view bytes) {
  size_t end = bytes.find('\n');
  if (end == std::string_view::npos) return std::nullopt;
  FieldProblem problem;
  return parse_header_line(bytes.substr(0, end), problem);
}

std::optional<FileLayout> locate_file_layout(std::string_view bytes, std::string& detail) {
  if (bytes.empty()) {
    detail = "the file is empty";
    return std::nullopt;
  }
  size_t header_end = bytes.find('\n');
  std::string_view header_line =
      bytes.substr(0, header_end == std::string_view::npos ? bytes.size() : header_end);
  if (header_line.find('\r') != std::string_view::npos) {
    detail = "line 1 (header) contains a CR (lines end with a single LF)";
    return std::nullopt;
  }
  FieldProblem problem;
  auto header = parse_header_line(header_line, problem);
  if (!header) {
    detail = line_problem(1, "header", problem);
    return std::nullopt;
  }
  FileLayout layout;
  layout.header = *header;
  auto trailer = read_trailer(bytes, layout.trailer_offset, detail);
  if (!trailer) return std::nullopt;
  if (layout.trailer_offset <= header_end) {
    detail = "no trailer line: the header is the only line";
    return std::nullopt;
  }
  layout.trailer = *trailer;
  layout.details = bytes.substr(header_end + 1, layout.trailer_offset - header_end - 1);
  return layout;
}

}  // namespace cityclear::ingest
