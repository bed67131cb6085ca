#include "clearing/stl_file_writer.h"

#include "clearing/file_names.h"
#include "clearing/file_sink.h"
#include "clearing/fixed_width.h"
#include "clearing/position_balance.h"
#include "common/check.h"

namespace cityclear::clearing {
namespace {

constexpr size_t header_length = 1 + 4 + 8 + 8;
constexpr size_t detail_length = 1 + 8 + 14 + 14 + 14 + signed_figure_width;
constexpr size_t trailer_fields_length = 1 + 8 + signed_figure_width;  // the SHA-256 follows

void append_detail(FileSink& sink, const Position& position) {
  char line[detail_length + 1];
  line[0] = 'D';
  write_decimal_field(line + 1, 8, position.participant_code);
  write_decimal_field(line + 9, 14, static_cast<uint64_t>(position.receivable_fen));
  write_decimal_field(line + 23, 14, static_cast<uint64_t>(position.payable_fen));
  write_decimal_field(line + 37, 14, static_cast<uint64_t>(position.fees_fen));
  write_signed_figure(line + 51, position.net_fen);
  line[detail_length] = '\n';
  sink.append(std::string_view(line, sizeof line));
}

}  // namespace

WrittenFile write_settlement_file(CivilDate day, const std::vector<Position>& positions,
                                  DayFileOutput& output) {
  CITYCLEAR_CHECK(position_balance_problem(positions).empty(), "STL1 positions do not balance");
  FileSink sink(output, settlement_file_name(day));
  char header[header_length + 1];
  header[0] = 'H';
  write_text_field(header + 1, 4, "STL1");
  write_text_field(header + 5, 8, format_date(day));
  write_decimal_field(header + 13, 8, positions.size());
  header[header_length] = '\n';
  sink.append(std::string_view(header, sizeof header));
  int64_t sum_of_nets = 0;
  for (const Position& position : positions) {
    append_detail(sink, position);
    sum_of_nets += position.net_fen;
  }
  CITYCLEAR_CHECK(sum_of_nets == 0, "STL1 nets do not add up to zero");
  char trailer[trailer_fields_length];
  trailer[0] = 'T';
  write_decimal_field(trailer + 1, 8, positions.size());
  write_signed_figure(trailer + 9, sum_of_nets);
  WrittenFile file = sink.finish(std::string_view(trailer, sizeof trailer));
  file.kind = "STL1";
  return file;
}

}  // namespace cityclear::clearing
