#pragma once
// Log lines with named fields: "event key=value ..." as text, or, when the log format is JSON,
// a JSON object the JSON line formatter (app/json_log_formatter.h) merges into its line.
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <spdlog/common.h>

namespace cityclear::net {

struct LogField {
  std::string name;
  std::variant<std::string, int64_t, double> value;
};

// Chosen once at start from config.log.format.
void set_structured_log_json(bool json);
bool structured_log_json();

// The message text of an event with its fields, in the chosen format.
std::string render_log_event(std::string_view event, const std::vector<LogField>& fields);
void log_event(spdlog::level::level_enum level, std::string_view event,
               const std::vector<LogField>& fields);

}  // namespace cityclear::net
