#pragma once
// From a parsed request head to an answer: admit() routes and checks access before the body
// is read (so a refused upload is not read at all); dispatch() runs the route's handler where
// the route says (io thread, query pool, ingest pool) and hands the answer to `done`.
#include <functional>
#include <optional>

#include "config/config.h"
#include "net/admitted_request.h"
#include "net/clearing_backend.h"
#include "net/ingest_pools.h"
#include "net/worker_pool.h"

namespace cityclear::net {

// The outcome of admit(): a refusal to send at once, or a request to go on with. The request
// carries the route and caller as far as they are known either way (for the log line).
struct Admission {
  std::optional<HttpResponse> refusal;
  AdmittedRequest request;
};

class RequestDispatcher {
 public:
  RequestDispatcher(const Config& config, ClearingBackend& backend, WorkerPool& query_pool,
                    IngestPools ingest_pools);

  // The answer at once (404, 405, 401, 403, 415), or the admitted request to read the body of.
  Admission admit(HttpRequestHead head) const;
  // Calls `done` exactly once: on this thread for io-thread routes and refusals, else on a worker.
  void dispatch(AdmittedRequest request, std::function<void(HttpResponse)> done);

  const Config& config() const { return config_; }

 private:
  HttpResponse handle(const AdmittedRequest& request);

  const Config& config_;
  ClearingBackend& backend_;
  WorkerPool& query_pool_;
  IngestPools ingest_pools_;
};

}  // namespace cityclear::net
