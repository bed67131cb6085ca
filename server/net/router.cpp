#include "net/router.h"

#include <array>

namespace cityclear::net {
namespace {

struct RouteEntry {
  std::string_view method;
  std::string_view pattern;
  RouteId id;
  Access access;
  WorkPlace work_place;
  bool takes_body;
};

constexpr std::array<RouteEntry, 12> route_table{{
    {"GET", "/healthz", RouteId::healthz, Access::anyone, WorkPlace::io_thread, false},
    {"GET", "/readyz", RouteId::readyz, Access::anyone, WorkPlace::query_pool, false},
    {"GET", "/metrics", RouteId::metrics, Access::anyone, WorkPlace::io_thread, false},
    {"POST", "/v1/batches", RouteId::upload_batch, Access::participant, WorkPlace::ingest_pool,
     true},
    {"GET", "/v1/batches/{acquirer}/{batch_id}", RouteId::get_batch, Access::any_caller,
     WorkPlace::query_pool, false},
    {"POST", "/v1/settlements/{date}", RouteId::settle_day, Access::operator_only,
     WorkPlace::query_pool, false},
    {"GET", "/v1/settlements/{date}", RouteId::get_settlement, Access::any_caller,
     WorkPlace::query_pool, false},
    {"GET", "/v1/files/{date}/{name}", RouteId::get_file, Access::any_caller, WorkPlace::query_pool,
     false},
    {"POST", "/v1/sync-events", RouteId::sync_events, Access::any_caller, WorkPlace::io_thread,
     false},
    {"POST", "/v1/reconciliations", RouteId::reconciliations, Access::operator_only,
     WorkPlace::io_thread, false},
    {"GET", "/v1/exceptions", RouteId::exceptions, Access::any_caller, WorkPlace::io_thread, false},
    {"GET", "/v1/blacklist", RouteId::blacklist, Access::any_caller, WorkPlace::io_thread, false},
}};

std::vector<std::string_view> split_segments(std::string_view path) {
  std::vector<std::string_view> segments;
  if (path.empty() || path.front() != '/') return segments;
  path.remove_prefix(1);
  while (true) {
    auto slash = path.find('/');
    segments.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return segments;
}

// The {...} segments of `path` when it has the shape of `pattern`.
std::optional<std::vector<std::string>> match_pattern(std::string_view pattern,
                                                      std::string_view path) {
  auto pattern_segments = split_segments(pattern);
  auto path_segments = split_segments(path);
  if (pattern_segments.size() != path_segments.size()) return std::nullopt;
  std::vector<std::string> parameters;
  for (size_t i = 0; i < pattern_segments.size(); ++i) {
    if (pattern_segments[i].starts_with('{')) {
      if (path_segments[i].empty()) return std::nullopt;
      parameters.emplace_back(path_segments[i]);
    } else if (pattern_segments[i] != path_segments[i]) {
      return std::nullopt;
    }
  }
  return parameters;
}

}  // namespace

RouteLookup find_route(std::string_view method, std::string_view path) {
  RouteLookup lookup;
  for (const auto& entry : route_table) {
    auto parameters = match_pattern(entry.pattern, path);
    if (!parameters) continue;
    if (entry.method == method) {
      lookup.match = RouteMatch{entry.id,         entry.pattern,    entry.access,
                                entry.work_place, entry.takes_body, std::move(*parameters)};
      return lookup;
    }
    if (!lookup.allowed_methods.empty()) lookup.allowed_methods += ", ";
    lookup.allowed_methods += entry.method;
  }
  return lookup;
}

}  // namespace cityclear::net
