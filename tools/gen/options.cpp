#include "gen/options.h"

#include <algorithm>
#include <cstdlib>
#include <stdexcept>

#include "common/bcd.h"

// The source tree's tests/data (set by CMake): --self-check's default, inside the repository.
#ifndef CITYCLEAR_GEN_DEFAULT_DATA_DIR
#define CITYCLEAR_GEN_DEFAULT_DATA_DIR "tests/data"
#endif

namespace cityclear::gen {
namespace {

[[noreturn]] void bad(const std::string& sentence) {
  throw std::invalid_argument(sentence);
}

int64_t parse_integer(const std::string& option, const std::string& text, int64_t minimum,
                      int64_t maximum) {
  if (text.empty() || text.size() > 18 || !is_decimal(text))
    bad(option + " needs a whole number, not \"" + text + "\"");
  int64_t value = std::stoll(text);
  if (value < minimum || value > maximum) {
    bad(option + " must be between " + std::to_string(minimum) + " and " + std::to_string(maximum));
  }
  return value;
}

double parse_share(const std::string& text) {
  size_t used = 0;
  double value = -1;
  try {
    value = std::stod(text, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used != text.size() || !(value >= 0.0 && value <= 1.0))
    bad("--inter-city-share needs a number from 0 to 1");
  return value;
}

std::vector<std::string> split(const std::string& text, char separator) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find(separator, start);
    if (end == std::string::npos) end = text.size();
    if (end > start) parts.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return parts;
}

// KIND is a reason code (11, 12, 02, 05, 07, 04, 01, 03), a fault name, or "all".
void apply_fault_rate(GenOptions& options, const std::string& item) {
  size_t equals = item.find('=');
  if (equals == std::string::npos) bad("--fault-rate takes KIND=PERMILLE, not \"" + item + "\"");
  std::string kind = item.substr(0, equals);
  auto permille = static_cast<uint32_t>(
      parse_integer("--fault-rate " + kind, item.substr(equals + 1), 0, 1000));
  if (kind == "all") {
    options.fault_permille.fill(permille);
    return;
  }
  for (size_t i = 0; i < record_fault_count; ++i) {
    if (kind == record_fault_codes[i] || kind == record_fault_names[i]) {
      options.fault_permille[i] = permille;
      return;
    }
  }
  bad("--fault-rate: unknown kind \"" + kind +
      "\" (use 11 12 02 05 07 04 01 03, their names, or all)");
}

void apply_file_faults(GenOptions& options, const std::string& list) {
  for (const std::string& item : split(list, ',')) {
    size_t equals = item.find('=');
    std::string code = item.substr(0, equals);
    bool known =
        code.size() == 3 && code[0] == 'F' && code[1] == '0' && code[2] >= '1' && code[2] <= '5';
    if (equals == std::string::npos || !known)
      bad("--file-faults takes F01=N,...,F05=N, not \"" + item + "\"");
    options.file_faults[static_cast<size_t>(code[2] - '1')] = static_cast<uint32_t>(
        parse_integer("--file-faults " + code, item.substr(equals + 1), 0, 1000));
  }
}

void check_consistency(const GenOptions& options) {
  if (options.help || options.self_check) return;
  if (options.out_dir.empty()) bad("--out DIR is required");
  uint32_t total = 0;
  for (uint32_t permille : options.fault_permille) total += permille;
  if (total > 1000) bad("the fault rates add up to more than 1000 permille");
  int64_t files =
      options.single_file ? 1 : int64_t{options.participants} * options.files_per_acquirer;
  if (options.records < files)
    bad("--records must be at least the number of files (" + std::to_string(files) + ")");
  // Each card's counter must stay within 0..65535 over the day: keep well clear of it.
  int64_t cards = options.effective_cards_per_issuer() * options.participants;
  if (options.records > cards * 20000)
    bad("too few cards for that many records: raise --cards-per-issuer");
}

}  // namespace

int64_t GenOptions::effective_cards_per_issuer() const {
  if (cards_per_issuer > 0) return cards_per_issuer;
  return std::max<int64_t>(16, (records + 3 * participants - 1) / (3 * participants));
}

GenOptions parse_options(const std::vector<std::string>& arguments) {
  GenOptions options;
  options.self_check_data = test_data_layout(CITYCLEAR_GEN_DEFAULT_DATA_DIR);
  for (size_t i = 0; i < arguments.size(); ++i) {
    const std::string& name = arguments[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= arguments.size()) bad(name + " needs a value");
      return arguments[++i];
    };
    if (name == "--help" || name == "-h")
      options.help = true;
    else if (name == "--self-check")
      options.self_check = true;
    else if (name == "--single-file")
      options.single_file = true;
    else if (name == "--out")
      options.out_dir = value();
    else if (name == "--data")
      options.self_check_data = test_data_layout(value());
    else if (name == "--shared")
      options.self_check_data = shared_folder_layout(value());
    else if (name == "--seed")
      options.seed = static_cast<uint64_t>(parse_integer(name, value(), 0, INT64_MAX - 1));
    else if (name == "--participants")
      options.participants = static_cast<int>(parse_integer(name, value(), 1, 500));
    else if (name == "--cards-per-issuer")
      options.cards_per_issuer = parse_integer(name, value(), 1, 100000000);
    else if (name == "--records")
      options.records = parse_integer(name, value(), 1, 1000000000);
    else if (name == "--files-per-acquirer")
      options.files_per_acquirer = static_cast<int>(parse_integer(name, value(), 1, 1000));
    else if (name == "--inter-city-share")
      options.inter_city_share = parse_share(value());
    else if (name == "--file-faults")
      apply_file_faults(options, value());
    else if (name == "--fault-rate") {
      apply_fault_rate(options, value());
      // Further KIND=PERMILLE words may follow one --fault-rate.
      while (i + 1 < arguments.size() && arguments[i + 1].find('=') != std::string::npos &&
             arguments[i + 1].rfind("--", 0) != 0) {
        apply_fault_rate(options, arguments[++i]);
      }
    } else if (name == "--date") {
      std::string text = value();
      auto date = parse_date(text);
      if (!date) bad("--date needs a valid YYYYMMDD, not \"" + text + "\"");
      options.date = *date;
    } else {
      bad("unknown option \"" + name + "\" (see --help)");
    }
  }
  check_consistency(options);
  return options;
}

std::map<std::string, std::string> describe_options(const GenOptions& options) {
  std::map<std::string, std::string> described;
  described["seed"] = std::to_string(options.seed);
  described["participants"] = std::to_string(options.participants);
  described["cards_per_issuer"] = std::to_string(options.effective_cards_per_issuer());
  described["records"] = std::to_string(options.records);
  described["files_per_acquirer"] =
      std::to_string(options.single_file ? 1 : options.files_per_acquirer);
  described["date"] = options.date_text();
  char share[32];
  std::snprintf(share, sizeof share, "%.4f", options.inter_city_share);
  described["inter_city_share"] = share;
  described["single_file"] = options.single_file ? "true" : "false";
  std::string rates;
  for (size_t i = 0; i < record_fault_count; ++i) {
    rates += (i ? "," : "") + std::string(record_fault_codes[i]) + "=" +
             std::to_string(options.fault_permille[i]);
  }
  described["fault_rate_permille"] = rates;
  std::string files;
  for (size_t i = 0; i < file_fault_count; ++i) {
    files += (i ? "," : "") + std::string("F0") + std::to_string(i + 1) + "=" +
             std::to_string(options.file_faults[i]);
  }
  described["file_faults"] = files;
  return described;
}

}  // namespace cityclear::gen
