#pragma once
// The subcommands of `cityclear` (shared/spec/interfaces.md), each in its own file.
#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace cityclear::app {

struct CommandInput {
  std::string name;                    // the subcommand, e.g. "ingest"
  std::filesystem::path config_file;   // --config, default config/cityclear.json
  std::vector<std::string> arguments;  // after the subcommand's name, --config taken out
};

struct Subcommand {
  std::string_view name;
  std::string_view summary;  // one line for the program's --help
  std::string_view help;     // the subcommand's --help
  int (*run)(const CommandInput& input);
};

int run_serve(const CommandInput& input);
int run_ingest(const CommandInput& input);
int run_settle(const CommandInput& input);
int run_tac(const CommandInput& input);
int run_db(const CommandInput& input);
int run_later_issue(const CommandInput& input);  // sync, reconcile, replay, exceptions, blacklist

extern const std::string_view serve_help;
extern const std::string_view ingest_help;
extern const std::string_view settle_help;
extern const std::string_view tac_help;
extern const std::string_view db_help;
extern const std::string_view later_issue_help;

std::span<const Subcommand> subcommands();

}  // namespace cityclear::app
