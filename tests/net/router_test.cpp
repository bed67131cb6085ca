#include <catch2/catch.hpp>

#include "net/router.h"

using namespace cityclear::net;

TEST_CASE("every endpoint of interfaces.md has its route", "[router]") {
  struct Case {
    const char* method;
    const char* path;
    RouteId id;
  };
  for (const Case& c :
       {Case{"GET", "/healthz", RouteId::healthz}, Case{"GET", "/readyz", RouteId::readyz},
        Case{"GET", "/metrics", RouteId::metrics},
        Case{"POST", "/v1/batches", RouteId::upload_batch},
        Case{"GET", "/v1/batches/33010001/HZ2026112100000001AB", RouteId::get_batch},
        Case{"POST", "/v1/settlements/20261121", RouteId::settle_day},
        Case{"GET", "/v1/settlements/20261121", RouteId::get_settlement},
        Case{"GET", "/v1/files/20261121/STL_20261121.txt", RouteId::get_file},
        Case{"POST", "/v1/sync-events", RouteId::sync_events},
        Case{"POST", "/v1/reconciliations", RouteId::reconciliations},
        Case{"GET", "/v1/exceptions", RouteId::exceptions},
        Case{"GET", "/v1/blacklist", RouteId::blacklist}}) {
    INFO(c.method << " " << c.path);
    RouteLookup lookup = find_route(c.method, c.path);
    REQUIRE(lookup.match.has_value());
    CHECK(lookup.match->id == c.id);
  }
}

TEST_CASE("path parameters come out in order", "[router]") {
  RouteLookup lookup = find_route("GET", "/v1/batches/33010001/HZ2026112100000001AB");
  REQUIRE(lookup.match);
  CHECK(lookup.match->parameters == std::vector<std::string>{"33010001", "HZ2026112100000001AB"});
  CHECK(lookup.match->pattern == "/v1/batches/{acquirer}/{batch_id}");
  CHECK(lookup.match->access == Access::any_caller);
  CHECK(lookup.match->work_place == WorkPlace::query_pool);
}

TEST_CASE("an unknown path has no route and no allowed methods", "[router]") {
  for (const char* path : {"/", "/v1", "/v1/batches/", "/v1/batches/33010001", "/v1/batches/a/b/c",
                           "/healthz/", "healthz", ""}) {
    INFO(path);
    RouteLookup lookup = find_route("GET", path);
    CHECK_FALSE(lookup.match);
    CHECK(lookup.allowed_methods.empty());
  }
}

TEST_CASE("a known path with another method lists the allowed ones", "[router]") {
  CHECK(find_route("DELETE", "/v1/batches").allowed_methods == "POST");
  CHECK(find_route("GET", "/v1/batches").allowed_methods == "POST");
  CHECK(find_route("PUT", "/v1/settlements/20261121").allowed_methods == "POST, GET");
  CHECK(find_route("POST", "/healthz").allowed_methods == "GET");
}

TEST_CASE("uploads go to the ingest pool and are the only route with a body so far", "[router]") {
  auto upload = find_route("POST", "/v1/batches").match;
  REQUIRE(upload);
  CHECK(upload->work_place == WorkPlace::ingest_pool);
  CHECK(upload->takes_body);
  CHECK(upload->access == Access::participant);
  CHECK(find_route("POST", "/v1/settlements/20261121").match->access == Access::operator_only);
}
