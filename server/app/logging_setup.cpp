#include "app/logging_setup.h"

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include "app/json_log_formatter.h"
#include "net/structured_log.h"

namespace cityclear::app {

void configure_logging(const LogSettings& settings) {
  auto logger = std::make_shared<spdlog::logger>("cityclear",
                                                 std::make_shared<spdlog::sinks::stderr_sink_mt>());
  if (settings.json) {
    logger->set_formatter(std::make_unique<JsonLogFormatter>());
  } else {
    logger->set_pattern("%Y-%m-%dT%H:%M:%S.%e%z %l %v");
  }
  logger->set_level(spdlog::level::from_str(settings.level));
  logger->flush_on(spdlog::level::warn);
  spdlog::set_default_logger(logger);
  net::set_structured_log_json(settings.json);
}

}  // namespace cityclear::app
