// `cityclear tac`: TAC check of TB1 detail lines read on standard input.
#include <cstdio>
#include <iostream>
#include <string>

#include <fmt/format.h>

#include "app/argument_parser.h"
#include "app/command_environment.h"
#include "app/exit_codes.h"
#include "app/subcommands.h"
#include "app/usage_error.h"
#include "ingest/tb1_record.h"

namespace cityclear::app {

const std::string_view tac_help =
    "usage: cityclear tac [--config FILE] < DETAIL_LINES\n\n"
    "Reads TB1 detail lines (batch-file.md, 121 characters each) on standard input and prints\n"
    "one line per detail line, fields separated by single spaces:\n"
    "  <record sequence> <TAC carried> <TAC the keys give, or -> <verdict>\n"
    "where the verdict is OK, MISMATCH, UNKNOWN_ISSUER or UNKNOWN_KEY. Only the keys file of the\n"
    "configuration is used (no database). A malformed line is reported on standard error with\n"
    "its line number, field and rule, and the remaining lines are still checked.\n\n"
    "Exit codes: 0 every TAC OK; 1 a TAC is not OK; 3 a line was malformed; 2 usage or\n"
    "configuration error.\n";

namespace {

struct TacTally {
  int64_t not_ok = 0;
  int64_t malformed = 0;
};

// The output line of one well-formed detail record.
std::string check_record(const ingest::DetailRecord& record, const crypto::KeyProvider& keys,
                         TacTally& tally) {
  crypto::TacRequest request = ingest::tac_request_of(record);
  std::optional<uint32_t> computed = keys.compute_tac(request);
  crypto::TacVerdict verdict = crypto::TacVerdict::ok;
  if (!computed) {
    verdict = keys.knows_issuer(record.issuer_code) ? crypto::TacVerdict::unknown_key
                                                    : crypto::TacVerdict::unknown_issuer;
  } else if (*computed != record.tac) {
    verdict = crypto::TacVerdict::mismatch;
  }
  if (verdict != crypto::TacVerdict::ok) ++tally.not_ok;
  std::string computed_text = computed ? fmt::format("{:08X}", *computed) : "-";
  return fmt::format("{:08d} {:08X} {} {}\n", record.sequence, record.tac, computed_text,
                     crypto::verdict_name(verdict));
}

}  // namespace

int run_tac(const CommandInput& input) {
  ParsedArguments arguments = parse_arguments(input.arguments, {});
  if (!arguments.positional.empty())
    throw UsageError("tac reads standard input and takes no arguments");
  Config config = load_command_config(input.config_file);
  std::unique_ptr<crypto::KeyProvider> keys = load_command_keys(config);
  std::ios::sync_with_stdio(false);
  TacTally tally;
  std::string line;
  std::string output;
  for (int64_t line_number = 1; std::getline(std::cin, line); ++line_number) {
    ingest::FieldProblem problem;
    std::optional<ingest::DetailRecord> record = ingest::parse_detail_line(line, problem);
    if (!record) {
      std::cout << output << std::flush;
      output.clear();
      std::cerr << fmt::format("cityclear tac: line {}: field \"{}\": {}\n", line_number,
                               problem.field, problem.rule);
      ++tally.malformed;
      continue;
    }
    output += check_record(*record, *keys, tally);
    if (output.size() > 1 << 16) {
      std::cout << output;
      output.clear();
    }
  }
  std::cout << output << std::flush;
  if (tally.malformed > 0) return exit_input_rejected;
  return tally.not_ok > 0 ? exit_failed : exit_ok;
}

}  // namespace cityclear::app
