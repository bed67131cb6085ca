// `cityclear settle --date YYYYMMDD`: the nightly settlement run of a day.
#include <iostream>

#include <fmt/format.h>

#include "app/argument_parser.h"
#include "app/command_environment.h"
#include "app/exit_codes.h"
#include "app/progress_bar.h"
#include "app/subcommands.h"
#include "app/usage_error.h"
#include "clearing/settle_report.h"
#include "clearing/settlement_service.h"

namespace cityclear::app {

const std::string_view settle_help =
    "usage: cityclear settle [--config FILE] --date YYYYMMDD\n\n"
    "Settles the clearing day: closes it (files arriving later go to the next open day),\n"
    "computes fees and net positions, stores them with the CLR1, RJT1 and STL1 files and writes\n"
    "the files to <output_dir>/YYYYMMDD/. Settling a settled day changes nothing: it re-verifies\n"
    "the stored files (rewriting a missing one) and prints the same summary. A progress bar is\n"
    "drawn on standard error when it is a terminal; the summary table goes to standard output.\n\n"
    "  --date YYYYMMDD   the clearing day to settle\n\n"
    "Exit codes: 0 settled; 1 another run holds the day, or the stored figures or files do not\n"
    "verify; 2 usage or configuration error; 4 the database could not be reached.\n";

namespace {

CivilDate date_option(const ParsedArguments& arguments) {
  auto text = arguments.value("--date");
  if (!text) throw UsageError("settle needs --date YYYYMMDD");
  auto day = parse_date(*text);
  if (!day) throw UsageError("--date must be a valid date YYYYMMDD, not \"" + *text + "\"");
  return *day;
}

void print_files(const clearing::SettlementResult& result, const Config& config) {
  std::filesystem::path folder = config.output_dir / format_date(result.day);
  std::cout << fmt::format(
      "{} files in {}{}\n", result.files.size(), folder.string(),
      result.already_settled ? " (day already settled: stored files verified)" : "");
  for (const auto& file : result.files)
    std::cout << fmt::format("  {}  {}  {} bytes\n", file.sha256_hex, file.name, file.size_bytes);
}

}  // namespace

int run_settle(const CommandInput& input) {
  ParsedArguments arguments = parse_arguments(input.arguments, {{}, {"--date"}});
  if (!arguments.positional.empty()) throw UsageError("settle takes no arguments besides --date");
  CivilDate day = date_option(arguments);
  Config config = load_command_config(input.config_file);
  std::unique_ptr<store::ConnectionPool> pool = make_connection_pool(config);
  require_migrated_database(*pool);
  clearing::SettlementService service(config, *pool);
  clearing::SettlementResult result;
  {
    ProgressBar progress("settle " + format_date(day));
    result = service.settle(day, [&progress](std::string_view step, int64_t done, int64_t total) {
      progress.update(step, done, total);
    });
  }
  std::cout << clearing::format_settlement_report(result, config.participants);
  print_files(result, config);
  return exit_ok;
}

}  // namespace cityclear::app
