#pragma once
// Options of one subcommand: flags (--json), valued options (--date D or --date=D) and the
// positional arguments, in order. Anything else is a UsageError.
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace cityclear::app {

struct OptionSpec {
  std::set<std::string> flags;           // e.g. {"--json"}
  std::set<std::string> valued_options;  // e.g. {"--date"}
};

struct ParsedArguments {
  std::set<std::string> flags;
  std::map<std::string, std::string> values;
  std::vector<std::string> positional;

  bool has_flag(const std::string& flag) const { return flags.contains(flag); }
  std::optional<std::string> value(const std::string& option) const;
};

// "--" ends the options (what follows is positional). Throws UsageError.
ParsedArguments parse_arguments(const std::vector<std::string>& arguments, const OptionSpec& spec);

}  // namespace cityclear::app
