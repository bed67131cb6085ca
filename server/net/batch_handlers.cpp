#include <nlohmann/json.hpp>

#include "net/error_response.h"
#include "net/exception_response.h"
#include "net/handlers.h"
#include "net/request_parameters.h"

namespace cityclear::net {

HttpResponse answer_upload(ClearingBackend& backend, const std::filesystem::path& file,
                           const UploadOrigin& origin) {
  try {
    ingest::BatchOutcome outcome = backend.ingest_file(file, origin);
    return json_response(ingest::http_status(outcome), ingest::to_json(outcome));
  } catch (...) {
    return response_for_exception(std::current_exception());
  }
}

HttpResponse handle_upload_batch(const AdmittedRequest& request, ClearingBackend& backend) {
  if (!request.body) return error_response(400, "bad_request", "the upload has no body");
  UploadOrigin origin{ingest::UploadSource::http, request.caller->participant_code};
  return answer_upload(backend, request.body->path(), origin);
}

HttpResponse handle_get_batch(const AdmittedRequest& request, ClearingBackend& backend) {
  const std::string& acquirer_text = request.route.parameters.at(0);
  const std::string& batch_id = request.route.parameters.at(1);
  auto acquirer = parse_institution_code(acquirer_text);
  if (!acquirer) return error_response(400, "bad_request", "the acquirer must be 8 decimal digits");
  if (!is_batch_id(batch_id))
    return error_response(400, "bad_request", "the batch id must be 20 characters 0-9 A-Z");
  const Caller& caller = *request.caller;
  if (!caller.is_operator && caller.participant_code != *acquirer) {
    return error_response(403, "forbidden", "a participant may only see its own batches");
  }
  auto outcome = backend.find_batch(*acquirer, batch_id);
  if (!outcome) {
    return error_response(404, "not_found",
                          "there is no batch " + batch_id + " of acquirer " + acquirer_text);
  }
  return json_response(200, ingest::to_json(*outcome));
}

}  // namespace cityclear::net
