#pragma once
// The answer of POST/GET /v1/settlements/{YYYYMMDD}: the day's positions and files. The
// operator sees every row; a participant only its own position and the files it may fetch.
#include <nlohmann/json_fwd.hpp>

#include "clearing/settlement_service.h"
#include "config/participants.h"

namespace cityclear::net {

nlohmann::json settlement_to_json(const clearing::SettlementResult& result, const Caller& viewer);

}  // namespace cityclear::net
