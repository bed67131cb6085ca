#pragma once
// Who calls: the bearer token of the Authorization header, identified by its SHA-256 against
// the participants file, and whether that caller may use a route at all (401 / 403). Checks that
// depend on the resource (whose batch, whose file) are the handlers'.
#include <optional>
#include <string>
#include <string_view>

#include "config/participants.h"
#include "net/http_message.h"
#include "net/router.h"

namespace cityclear::net {

// The token of "Bearer <token>" (scheme case-insensitive); nullopt for anything else.
std::optional<std::string> bearer_token(std::string_view authorization);

struct AccessCheck {
  std::optional<Caller> caller;         // who called, when a known token came
  std::optional<HttpResponse> refusal;  // 401 or 403 when the call may not go on
};

AccessCheck check_access(Access access, const HttpRequestHead& head,
                         const Participants& participants);

// "operator", the participant code, or "-" when unknown (for logs: never a token).
std::string caller_label(const std::optional<Caller>& caller);

}  // namespace cityclear::net
