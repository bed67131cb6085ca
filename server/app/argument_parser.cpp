#include "app/argument_parser.h"

#include "app/usage_error.h"

namespace cityclear::app {

std::optional<std::string> ParsedArguments::value(const std::string& option) const {
  auto found = values.find(option);
  if (found == values.end()) return std::nullopt;
  return found->second;
}

ParsedArguments parse_arguments(const std::vector<std::string>& arguments, const OptionSpec& spec) {
  ParsedArguments parsed;
  bool options_ended = false;
  for (size_t i = 0; i < arguments.size(); ++i) {
    const std::string& argument = arguments[i];
    if (options_ended || argument == "-" || !argument.starts_with("-")) {
      parsed.positional.push_back(argument);
      continue;
    }
    if (argument == "--") {
      options_ended = true;
      continue;
    }
    auto equals = argument.find('=');
    std::string name = argument.substr(0, equals);
    if (spec.flags.contains(name) && equals == std::string::npos) {
      parsed.flags.insert(name);
    } else if (spec.valued_options.contains(name)) {
      if (equals != std::string::npos) {
        parsed.values[name] = argument.substr(equals + 1);
      } else if (i + 1 < arguments.size()) {
        parsed.values[name] = arguments[++i];
      } else {
        throw UsageError("option " + name + " needs a value");
      }
    } else {
      throw UsageError("unknown option " + argument);
    }
  }
  return parsed;
}

}  // namespace cityclear::app
