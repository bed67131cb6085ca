#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "net/error_response.h"
#include "net/handlers.h"
#include "net/request_parameters.h"
#include "net/settlement_json.h"

namespace cityclear::net {
namespace {

std::optional<CivilDate> date_parameter(const AdmittedRequest& request) {
  return parse_date(request.route.parameters.at(0));
}

HttpResponse bad_date() {
  return error_response(400, "bad_request", "the date must be a valid date YYYYMMDD");
}

// Whether the caller may fetch the file: its own CLR/RJT files; STL and everything to the operator.
bool may_fetch(const Caller& caller, const SettlementFileName& file) {
  if (caller.is_operator) return true;
  return file.participant_code && *file.participant_code == caller.participant_code;
}

}  // namespace

HttpResponse handle_settle_day(const AdmittedRequest& request, ClearingBackend& backend) {
  auto day = date_parameter(request);
  if (!day) return bad_date();
  clearing::SettlementResult result = backend.settle_day(*day);
  return json_response(200, settlement_to_json(result, *request.caller));
}

HttpResponse handle_get_settlement(const AdmittedRequest& request, ClearingBackend& backend) {
  auto day = date_parameter(request);
  if (!day) return bad_date();
  auto result = backend.find_settlement(*day);
  if (!result)
    return error_response(404, "not_settled", "day " + format_date(*day) + " is not settled");
  return json_response(200, settlement_to_json(*result, *request.caller));
}

HttpResponse handle_get_file(const AdmittedRequest& request, ClearingBackend& backend,
                             const std::filesystem::path& spool_dir) {
  auto day = date_parameter(request);
  if (!day) return bad_date();
  const std::string& name = request.route.parameters.at(1);
  auto file_name = parse_settlement_file_name(name);
  if (!file_name || file_name->day != *day) {
    return error_response(404, "not_found",
                          "there is no settlement file " + name + " for day " + format_date(*day));
  }
  if (!may_fetch(*request.caller, *file_name)) {
    return error_response(403, "forbidden",
                          "a participant may only fetch its own CLR and RJT files");
  }
  std::shared_ptr<SpoolFile> spool = SpoolFile::create(spool_dir, spool_file_prefix);
  bool written = true;
  bool found = backend.read_settlement_file(
      *day, name, [&](std::string_view bytes) { written = written && spool->write(bytes); });
  if (!found)
    return error_response(404, "not_found",
                          "there is no settlement file " + name + " for day " + format_date(*day));
  if (!written) {
    spdlog::warn("cannot stage {} for sending: {}", name, spool->error());
    return retryable_error_response("spool_unavailable",
                                    "the file could not be staged for sending; try again later");
  }
  spool->close();
  HttpResponse response;
  response.content_type = "text/plain";
  response.file = std::move(spool);
  return response;
}

}  // namespace cityclear::net
