#include "net/error_response.h"

#include <nlohmann/json.hpp>

namespace cityclear::net {

namespace {

template <class Json>
HttpResponse json_response_of(int status, const Json& body) {
  HttpResponse response;
  response.status = status;
  response.content_type = "application/json";
  // Replace, never throw, on bytes that are not UTF-8 (a detail may quote uploaded bytes).
  response.body = body.dump(-1, ' ', false, Json::error_handler_t::replace);
  response.body.push_back('\n');
  return response;
}

}  // namespace

HttpResponse json_response(int status, const nlohmann::json& body) {
  return json_response_of(status, body);
}

HttpResponse error_response(int status, std::string_view code, std::string_view detail) {
  nlohmann::ordered_json body;
  body["error"] = code;
  body["detail"] = detail;
  return json_response_of(status, body);  // "error" first, as interfaces.md writes it
}

HttpResponse retryable_error_response(std::string_view code, std::string_view detail) {
  HttpResponse response = error_response(503, code, detail);
  response.extra_headers.push_back({"retry-after", std::to_string(retry_after_seconds)});
  return response;
}

}  // namespace cityclear::net
