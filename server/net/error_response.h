#pragma once
// JSON answers, and the one error shape of every failed call:
// {"error": "<code>", "detail": "<one sentence>"}.
#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "net/http_message.h"

namespace cityclear::net {

HttpResponse json_response(int status, const nlohmann::json& body);
HttpResponse error_response(int status, std::string_view code, std::string_view detail);

}  // namespace cityclear::net
