#pragma once
// Logs go to standard error, at config.log.level, as text or JSON lines (config.log.format).
#include "config/config.h"

namespace cityclear::app {

void configure_logging(const LogSettings& settings);

}  // namespace cityclear::app
