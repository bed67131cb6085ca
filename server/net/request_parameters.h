#pragma once
// The {...} path segments of the endpoints, checked: a malformed one is a 400 naming the rule.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/local_time.h"

namespace cityclear::net {

// 20 characters [0-9A-Z] (batch-file.md, header batch id).
bool is_batch_id(std::string_view text);

// A settlement file name of clearing.md: CLR_<participant>_<YYYYMMDD>.txt,
// RJT_<acquirer>_<YYYYMMDD>.txt or STL_<YYYYMMDD>.txt.
struct SettlementFileName {
  std::string kind;                          // "CLR1", "RJT1", "STL1"
  std::optional<uint32_t> participant_code;  // empty for STL1
  CivilDate day;
};

std::optional<SettlementFileName> parse_settlement_file_name(std::string_view name);

}  // namespace cityclear::net
