#include "app/json_log_formatter.h"

#include <chrono>
#include <string_view>

#include <fmt/chrono.h>
#include <nlohmann/json.hpp>
#include <spdlog/details/log_msg.h>

namespace cityclear::app {
namespace {

std::string utc_timestamp(spdlog::log_clock::time_point time) {
  auto milliseconds =
      std::chrono::duration_cast<std::chrono::milliseconds>(time.time_since_epoch()).count() % 1000;
  std::time_t seconds = spdlog::log_clock::to_time_t(time);
  std::tm parts{};
  gmtime_r(&seconds, &parts);
  return fmt::format("{:%Y-%m-%dT%H:%M:%S}.{:03d}Z", parts, static_cast<int>(milliseconds));
}

}  // namespace

void JsonLogFormatter::format(const spdlog::details::log_msg& message,
                              spdlog::memory_buf_t& destination) {
  std::string_view payload(message.payload.data(), message.payload.size());
  spdlog::string_view_t level_name = spdlog::level::to_string_view(message.level);
  std::string_view level(level_name.data(), level_name.size());
  std::string line =
      R"({"time":")" + utc_timestamp(message.time) + R"(","level":")" + std::string(level) + "\"";
  // A structured event is a JSON object starting with "event": its fields join the line.
  if (payload.starts_with(R"({"event":)") && payload.ends_with('}')) {
    line += ",";
    line += payload.substr(1);
  } else {
    line += R"(,"msg":)" +
            nlohmann::json(std::string(payload))
                .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) +
            "}";
  }
  line += "\n";
  destination.append(line.data(), line.data() + line.size());
}

std::unique_ptr<spdlog::formatter> JsonLogFormatter::clone() const {
  return std::make_unique<JsonLogFormatter>();
}

}  // namespace cityclear::app
