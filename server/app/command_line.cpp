#include "app/command_line.h"

#include <iostream>
#include <optional>

#include "app/exit_codes.h"
#include "app/guarded_run.h"
#include "app/subcommands.h"
#include "app/usage_error.h"

namespace cityclear::app {
namespace {

constexpr std::string_view default_config_file = "config/cityclear.json";

const std::array<Subcommand, 10> subcommand_table{{
    {"serve", "run the HTTP and TCP listeners (the clearing-center daemon)", serve_help, run_serve},
    {"ingest", "ingest TB1 files as if uploaded and print each outcome", ingest_help, run_ingest},
    {"settle", "settle a clearing day and write its files", settle_help, run_settle},
    {"tac", "check the TACs of TB1 detail lines read on standard input", tac_help, run_tac},
    {"db", "db migrate: bring the database schema up to date", db_help, run_db},
    {"sync", "(not available in this version) ingest SE1 sync-event files", later_issue_help,
     run_later_issue},
    {"reconcile", "(not available in this version) reconcile e-wallet balances", later_issue_help,
     run_later_issue},
    {"replay", "(not available in this version) audit a day by re-verifying its raw files",
     later_issue_help, run_later_issue},
    {"exceptions", "(not available in this version) list or close exceptions", later_issue_help,
     run_later_issue},
    {"blacklist", "(not available in this version) take a card off the blacklist", later_issue_help,
     run_later_issue},
}};

void print_program_help() {
  std::cout
      << "usage: cityclear [--config FILE] <subcommand> [options]\n\n"
         "The clearing server for interconnected city transit cards.\n\n"
         "Options (accepted before or after the subcommand):\n"
         "  --config FILE  the configuration file (default config/cityclear.json)\n"
         "  --help         this text; `cityclear <subcommand> --help` describes a subcommand\n\n"
         "Subcommands:\n";
  for (const auto& subcommand : subcommand_table) {
    std::string name(subcommand.name);
    std::cout << "  " << name << std::string(12 - name.size(), ' ') << subcommand.summary << "\n";
  }
  std::cout
      << "\nExit codes: 0 success; 1 a check found differences or the work failed; 2 usage or\n"
         "configuration error; 3 an input was rejected; 4 the database could not be reached.\n";
}

const Subcommand* find_subcommand(std::string_view name) {
  for (const auto& subcommand : subcommand_table) {
    if (subcommand.name == name) return &subcommand;
  }
  return nullptr;
}

struct GlobalParse {
  CommandInput input;
  bool help = false;
  std::optional<std::string> subcommand;
};

// Takes --config and --help out wherever they stand; the first other word names the subcommand.
GlobalParse parse_global(int argc, char** argv) {
  GlobalParse parse;
  parse.input.config_file = default_config_file;
  bool options_ended = false;
  for (int i = 1; i < argc; ++i) {
    std::string argument = argv[i];
    if (!options_ended && argument == "--config") {
      if (i + 1 >= argc) throw UsageError("option --config needs a value");
      parse.input.config_file = argv[++i];
    } else if (!options_ended && argument.starts_with("--config=")) {
      parse.input.config_file = argument.substr(9);
    } else if (!options_ended && (argument == "--help" || argument == "-h")) {
      parse.help = true;
    } else if (!parse.subcommand) {
      if (argument.starts_with("-"))
        throw UsageError("unknown option " + argument + " before the subcommand");
      parse.subcommand = argument;
    } else {
      if (argument == "--") options_ended = true;
      parse.input.arguments.push_back(argument);
    }
  }
  return parse;
}

}  // namespace

std::span<const Subcommand> subcommands() {
  return subcommand_table;
}

int run_command_line(int argc, char** argv) {
  std::optional<GlobalParse> parse;
  int usage_status = run_guarded("", [&] {
    parse = parse_global(argc, argv);
    return exit_ok;
  });
  if (usage_status != exit_ok) return usage_status;
  if (!parse->subcommand) {
    print_program_help();
    return parse->help ? exit_ok : exit_usage;
  }
  const Subcommand* subcommand = find_subcommand(*parse->subcommand);
  if (subcommand == nullptr) {
    print_error_line("", "unknown subcommand " + *parse->subcommand + " (see cityclear --help)");
    return exit_usage;
  }
  if (parse->help) {
    std::cout << subcommand->help;
    return exit_ok;
  }
  parse->input.name = std::string(subcommand->name);
  return run_guarded(subcommand->name, [&] { return subcommand->run(parse->input); });
}

}  // namespace cityclear::app
