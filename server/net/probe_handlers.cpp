#include <nlohmann/json.hpp>

#include "common/metrics.h"
#include "net/error_response.h"
#include "net/handlers.h"

namespace cityclear::net {

HttpResponse handle_healthz() {
  return json_response(200, {{"status", "serving"}});
}

HttpResponse handle_readyz(ClearingBackend& backend) {
  if (backend.database_ready()) return json_response(200, {{"status", "ready"}});
  return retryable_error_response("database_unavailable", "the database does not answer");
}

HttpResponse handle_metrics() {
  HttpResponse response;
  response.content_type = "text/plain; version=0.0.4";
  response.body = metrics().render_prometheus();
  return response;
}

}  // namespace cityclear::net
