#include "net/auth.h"

#include <cctype>

#include "net/error_response.h"

namespace cityclear::net {
namespace {

bool equals_ignoring_case(std::string_view left, std::string_view right) {
  if (left.size() != right.size()) return false;
  for (size_t i = 0; i < left.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(left[i])) !=
        std::tolower(static_cast<unsigned char>(right[i]))) {
      return false;
    }
  }
  return true;
}

HttpResponse unauthorized(std::string_view detail) {
  HttpResponse response = error_response(401, "unauthorized", detail);
  response.extra_headers.push_back({"www-authenticate", "Bearer"});
  return response;
}

}  // namespace

std::optional<std::string> bearer_token(std::string_view authorization) {
  constexpr std::string_view scheme = "bearer ";
  if (authorization.size() <= scheme.size() ||
      !equals_ignoring_case(authorization.substr(0, scheme.size()), scheme)) {
    return std::nullopt;
  }
  std::string_view token = authorization.substr(scheme.size());
  while (!token.empty() && token.front() == ' ') token.remove_prefix(1);
  while (!token.empty() && token.back() == ' ') token.remove_suffix(1);
  if (token.empty()) return std::nullopt;
  return std::string(token);
}

AccessCheck check_access(Access access, const HttpRequestHead& head,
                         const Participants& participants) {
  AccessCheck check;
  if (access == Access::anyone) return check;
  auto authorization = head.header("authorization");
  if (!authorization) {
    check.refusal = unauthorized("this call needs an Authorization: Bearer <token> header");
    return check;
  }
  auto token = bearer_token(*authorization);
  check.caller = token ? participants.identify(*token) : std::nullopt;
  if (!check.caller) {
    check.refusal = unauthorized("the bearer token is not known");
    return check;
  }
  if (access == Access::participant && check.caller->is_operator) {
    check.refusal =
        error_response(403, "forbidden", "the operator may not make this call; a participant must");
  } else if (access == Access::operator_only && !check.caller->is_operator) {
    check.refusal = error_response(403, "forbidden", "only the operator may make this call");
  }
  return check;
}

std::string caller_label(const std::optional<Caller>& caller) {
  if (!caller) return "-";
  return caller->is_operator ? "operator" : format_institution_code(caller->participant_code);
}

}  // namespace cityclear::net
