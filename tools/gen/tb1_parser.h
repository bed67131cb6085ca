#pragma once
// Reads TB1 lines back (for --self-check and the tests; the generator itself never parses).
#include <optional>
#include <string_view>

#include "gen/tb1_record.h"

namespace cityclear::gen {

struct Tb1Header {
  std::string batch_id;
  uint32_t acquirer = 0;
  int64_t created = 0;
  uint64_t record_count = 0;
};

// One header line without its LF; nullopt unless it is exactly a valid header.
std::optional<Tb1Header> parse_tb1_header(std::string_view line);
// One detail line without its LF; nullopt unless it is exactly a valid detail.
std::optional<Tb1Record> parse_tb1_detail(std::string_view line);

}  // namespace cityclear::gen
