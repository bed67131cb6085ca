#pragma once
// spdlog formatter for "log": {"format": "json"}: one JSON object a line with time (UTC),
// level and either the fields of a structured event (net/structured_log.h) or "msg".
#include <spdlog/formatter.h>

namespace cityclear::app {

class JsonLogFormatter : public spdlog::formatter {
 public:
  void format(const spdlog::details::log_msg& message, spdlog::memory_buf_t& destination) override;
  std::unique_ptr<spdlog::formatter> clone() const override;
};

}  // namespace cityclear::app
