#include "net/request_dispatcher.h"

#include "net/auth.h"
#include "net/error_response.h"
#include "net/exception_response.h"
#include "net/handlers.h"

namespace cityclear::net {
namespace {

bool is_supported_encoding(const std::optional<std::string>& encoding) {
  return !encoding || encoding->empty() || *encoding == "identity" || *encoding == "gzip";
}

}  // namespace

RequestDispatcher::RequestDispatcher(const Config& config, ClearingBackend& backend,
                                     WorkerPool& query_pool, IngestPools ingest_pools)
    : config_(config), backend_(backend), query_pool_(query_pool), ingest_pools_(ingest_pools) {}

Admission RequestDispatcher::admit(HttpRequestHead head) const {
  Admission admission;
  RouteLookup lookup = find_route(head.method, head.path);
  if (!lookup.match) {
    if (lookup.allowed_methods.empty()) {
      admission.refusal = error_response(404, "not_found", "there is no endpoint " + head.path);
      return admission;
    }
    admission.refusal = error_response(
        405, "method_not_allowed",
        head.method + " is not allowed on " + head.path + "; use " + lookup.allowed_methods);
    admission.refusal->extra_headers.push_back({"allow", lookup.allowed_methods});
    return admission;
  }
  AccessCheck access = check_access(lookup.match->access, head, config_.participants);
  admission.request =
      AdmittedRequest{std::move(head), std::move(*lookup.match), access.caller, nullptr};
  if (access.refusal) {
    admission.refusal = std::move(access.refusal);
  } else if (!is_supported_encoding(admission.request.head.header("content-encoding"))) {
    admission.refusal =
        error_response(415, "unsupported_encoding",
                       "the body may only be sent as is or with Content-Encoding: gzip");
  }
  return admission;
}

void RequestDispatcher::dispatch(AdmittedRequest request, std::function<void(HttpResponse)> done) {
  WorkPlace place = request.route.work_place;
  if (place == WorkPlace::io_thread) {
    done(handle(request));
    return;
  }
  int64_t body_bytes = request.body ? request.body->size_bytes() : 0;
  WorkerPool& pool = place == WorkPlace::ingest_pool
                         ? ingest_pools_.for_upload(config_.ingest, body_bytes)
                         : query_pool_;
  auto shared_request = std::make_shared<AdmittedRequest>(std::move(request));
  bool queued = pool.try_submit([this, shared_request, done]() mutable {
    HttpResponse response = handle(*shared_request);
    shared_request.reset();  // the spooled body goes before the answer is sent
    done(std::move(response));
  });
  if (!queued) {
    done(retryable_error_response("busy", "the server has too much work queued; try again later"));
  }
}

HttpResponse RequestDispatcher::handle(const AdmittedRequest& request) {
  try {
    switch (request.route.id) {
      case RouteId::healthz: return handle_healthz();
      case RouteId::readyz: return handle_readyz(backend_);
      case RouteId::metrics: return handle_metrics();
      case RouteId::upload_batch: return handle_upload_batch(request, backend_);
      case RouteId::get_batch: return handle_get_batch(request, backend_);
      case RouteId::settle_day: return handle_settle_day(request, backend_);
      case RouteId::get_settlement: return handle_get_settlement(request, backend_);
      case RouteId::get_file: return handle_get_file(request, backend_, config_.spool_dir);
      case RouteId::sync_events:
      case RouteId::reconciliations:
      case RouteId::exceptions:
      case RouteId::blacklist: return handle_later_issue(request);
    }
    return error_response(500, "internal_error", "the route has no handler");
  } catch (...) {
    return response_for_exception(std::current_exception());
  }
}

}  // namespace cityclear::net
