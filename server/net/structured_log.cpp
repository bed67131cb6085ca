#include "net/structured_log.h"

#include <atomic>
#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

namespace cityclear::net {
namespace {

std::atomic<bool> json_format{false};

bool needs_quotes(const std::string& text) {
  if (text.empty()) return true;
  for (char c : text) {
    if (c == ' ' || c == '"' || c == '=' || static_cast<unsigned char>(c) < 0x20) return true;
  }
  return false;
}

std::string render_text_value(const LogField& field) {
  if (const auto* text = std::get_if<std::string>(&field.value)) {
    return needs_quotes(*text) ? nlohmann::json(*text).dump(
                                     -1, ' ', false, nlohmann::json::error_handler_t::replace)
                               : *text;
  }
  if (const auto* number = std::get_if<int64_t>(&field.value)) return std::to_string(*number);
  return fmt::format("{:.3f}", std::get<double>(field.value));
}

}  // namespace

void set_structured_log_json(bool json) {
  json_format = json;
}
bool structured_log_json() {
  return json_format;
}

std::string render_log_event(std::string_view event, const std::vector<LogField>& fields) {
  if (json_format) {
    nlohmann::ordered_json object;
    object["event"] = event;
    for (const auto& field : fields) {
      std::visit([&](const auto& value) { object[field.name] = value; }, field.value);
    }
    return object.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  }
  std::string text(event);
  for (const auto& field : fields) text += " " + field.name + "=" + render_text_value(field);
  return text;
}

void log_event(spdlog::level::level_enum level, std::string_view event,
               const std::vector<LogField>& fields) {
  if (!spdlog::should_log(level)) return;
  spdlog::log(level, "{}", render_log_event(event, fields));
}

}  // namespace cityclear::net
