#pragma once
// Command line of cityclear-gen (see usage_text()).
#include <array>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "common/local_time.h"
#include "gen/self_check.h"

namespace cityclear::gen {

// Per-record faults the generator injects, in the spec's reason order.
enum class RecordFault : uint8_t {
  unknown_issuer,        // 11
  unknown_key,           // 12
  illegal_amount,        // 02
  insufficient_balance,  // 05
  bad_time,              // 07
  grey,                  // 04
  tac_mismatch,          // 01
  duplicate,             // 03
};
inline constexpr size_t record_fault_count = 8;
inline constexpr std::array<const char*, record_fault_count> record_fault_codes = {
    "11", "12", "02", "05", "07", "04", "01", "03"};
inline constexpr std::array<const char*, record_fault_count> record_fault_names = {
    "unknown_issuer", "unknown_key", "illegal_amount", "insufficient_balance",
    "bad_time",       "grey",        "tac_mismatch",   "duplicate"};

// Whole-file faults F01..F05.
inline constexpr size_t file_fault_count = 5;

struct GenOptions {
  std::filesystem::path out_dir;
  uint64_t seed = 1;
  int participants = 5;
  int64_t cards_per_issuer = 0;  // 0: about records / (3 * participants), at least 16
  int64_t records = 10000;
  int files_per_acquirer = 4;
  CivilDate date{2026, 11, 21};
  double inter_city_share = 0.35;
  std::array<uint32_t, record_fault_count> fault_permille = {1, 1, 2, 2, 2, 3, 2, 3};
  std::array<uint32_t, file_fault_count> file_faults = {0, 0, 0, 0, 0};  // files of F01..F05
  bool single_file = false;
  bool self_check = false;
  SelfCheckData self_check_data;  // for --self-check: where the vectors and the samples are
  bool help = false;
  // Accepted records kept in memory before they spill to disk (no option: tests lower it).
  size_t spill_budget_records = 2'000'000;

  int64_t effective_cards_per_issuer() const;
  std::string date_text() const { return format_date(date); }
};

// Parses argv; throws std::invalid_argument with one sentence on a bad option.
GenOptions parse_options(const std::vector<std::string>& arguments);
std::string usage_text();
// The options as JSON-ready text pairs (for expected.json, so a run can be reproduced).
std::map<std::string, std::string> describe_options(const GenOptions& options);

}  // namespace cityclear::gen
