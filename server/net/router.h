#pragma once
// The endpoints of shared/spec/interfaces.md: which path and method is which route, who may
// call it, and where its work runs.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cityclear::net {

enum class RouteId {
  healthz,
  readyz,
  metrics,
  upload_batch,
  get_batch,
  settle_day,
  get_settlement,
  get_file,
  sync_events,
  reconciliations,
  exceptions,
  blacklist,
};

enum class Access {
  anyone,         // no token needed
  any_caller,     // a participant or the operator
  participant,    // a participant, not the operator
  operator_only,  // the operator
};

enum class WorkPlace {
  io_thread,    // cheap, never touches the database
  query_pool,   // database reads and settling
  ingest_pool,  // uploads: bounded queue, "busy" when full
};

struct RouteMatch {
  RouteId id = RouteId::healthz;
  std::string_view pattern;  // e.g. "/v1/batches/{acquirer}/{batch_id}", the metrics label
  Access access = Access::anyone;
  WorkPlace work_place = WorkPlace::io_thread;
  bool takes_body = false;
  std::vector<std::string> parameters;  // the {...} segments, in order
};

struct RouteLookup {
  std::optional<RouteMatch> match;
  // When there is no match but the path exists for other methods: those methods ("GET, POST").
  std::string allowed_methods;
};

RouteLookup find_route(std::string_view method, std::string_view path);

}  // namespace cityclear::net
