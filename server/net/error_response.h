#pragma once
// JSON answers, and the one error shape of every failed call:
// {"error": "<code>", "detail": "<one sentence>"}.
#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "net/http_message.h"

namespace cityclear::net {

HttpResponse json_response(int status, const nlohmann::json& body);
HttpResponse error_response(int status, std::string_view code, std::string_view detail);

// 503 with Retry-After: the request was not carried out (nothing stored) and may be sent again
// as it is. The codes (busy, database_unavailable, database_busy, spool_unavailable) are the
// retryable ones; over TCP, where there is no status, the code alone says so.
inline constexpr int retry_after_seconds = 1;
HttpResponse retryable_error_response(std::string_view code, std::string_view detail);

}  // namespace cityclear::net
