#include "gen/malformed_variants.h"

#include <string_view>

#include "gen/tb1_format.h"

namespace cityclear::gen {
namespace {

// Detail field offsets within a line (shared/spec/batch-file.md, "Detail").
constexpr size_t sequence_at = 1;
constexpr size_t transaction_type_at = 9;
constexpr size_t counter_at = 41;
constexpr size_t time_at = 86;
constexpr size_t algorithm_at = 100;
constexpr size_t station_at = 113;
// Header offsets.
constexpr size_t batch_id_at = 4;
constexpr size_t created_hour_at = 40;

// Character by character: GCC 12 warns falsely (-Wrestrict) on std::string replace/insert of
// literals.
void overwrite(std::string& line, size_t at, std::string_view text) {
  for (size_t i = 0; i < text.size(); ++i) line[at + i] = text[i];
}

void insert_before_lf(std::string& line, char c) {
  line.insert(line.end() - 1, c);
}

void line_length(MalformedFile& f) {
  insert_before_lf(f.lines[2], '0');
}
void bad_date(MalformedFile& f) {
  overwrite(f.lines[3], time_at + 4, "0230");
}
void sequence_gap(MalformedFile& f) {
  for (size_t i = 3; i < f.lines.size(); ++i)
    put_decimal(f.lines[i].data() + sequence_at, i + 1, 8);  // 1, 2, 4, 5, ...
}
void count_mismatch(MalformedFile& f) {
  f.trailer_count += 1;
}
void total_mismatch(MalformedFile& f) {
  f.trailer_total += 1;
}
void trailing_bytes(MalformedFile& f) {
  f.after_trailer.push_back('\n');
}
void carriage_return(MalformedFile& f) {
  insert_before_lf(f.lines[2], '\r');
}
void counter_over_65535(MalformedFile& f) {
  overwrite(f.lines[2], counter_at, "65536");
}
void bad_transaction_type(MalformedFile& f) {
  overwrite(f.lines[2], transaction_type_at, "07");
}
void bad_algorithm(MalformedFile& f) {
  overwrite(f.lines[2], algorithm_at, "01");
}
void bad_character(MalformedFile& f) {
  overwrite(f.lines[2], station_at + 3, "-");
}
void bad_batch_id(MalformedFile& f) {
  overwrite(f.lines[0], batch_id_at + 19, "q");
}
void header_bad_time(MalformedFile& f) {
  overwrite(f.lines[0], created_hour_at, "24");
}
void no_trailer(MalformedFile& f) {
  f.has_trailer = false;
}
void empty_file(MalformedFile& f) {
  f.empty = true;
}

}  // namespace

const std::vector<MalformedVariant>& malformed_variants() {
  static const std::vector<MalformedVariant> variants = {
      {"line_length", "detail line 2 is 122 characters long, not 121", line_length},
      {"bad_date", "detail 3 has a transaction time on 30 February", bad_date},
      {"sequence_gap", "the record sequence goes 1, 2, 4: not consecutive", sequence_gap},
      {"count_mismatch",
       "the trailer's record count is one more than the header's and the details'", count_mismatch},
      {"total_mismatch", "the trailer's total amount is one fen more than the sum of the details",
       total_mismatch},
      {"trailing_bytes", "an empty line (one LF) follows the trailer", trailing_bytes},
      {"carriage_return", "detail line 2 ends in CR LF", carriage_return},
      {"counter_over_65535", "detail 2 has card counter 65536", counter_over_65535},
      {"bad_transaction_type", "detail 2 has transaction type 07", bad_transaction_type},
      {"bad_algorithm", "detail 2 has algorithm 01", bad_algorithm},
      {"bad_character", "detail 2 has a '-' in its station", bad_character},
      {"bad_batch_id", "the header's batch id ends in a lowercase letter", bad_batch_id},
      {"header_bad_time", "the header's created time has hour 24", header_bad_time},
      {"no_trailer", "the file ends after its last detail line, with no trailer", no_trailer},
      {"empty_file", "the file is empty (0 bytes)", empty_file},
  };
  return variants;
}

}  // namespace cityclear::gen
