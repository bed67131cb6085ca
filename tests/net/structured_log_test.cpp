#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "net/structured_log.h"

using namespace cityclear::net;

TEST_CASE("log events render as key=value text or as a JSON object", "[log]") {
  std::vector<LogField> fields{{"method", std::string("GET")},
                               {"path", std::string("/a b")},
                               {"status", int64_t{200}},
                               {"duration_ms", 1.25}};
  set_structured_log_json(false);
  CHECK(render_log_event("request", fields) ==
        R"(request method=GET path="/a b" status=200 duration_ms=1.250)");
  set_structured_log_json(true);
  auto object = nlohmann::json::parse(render_log_event("request", fields));
  CHECK(object["event"] == "request");
  CHECK(object["path"] == "/a b");
  CHECK(object["status"] == 200);
  CHECK(render_log_event("request", fields).starts_with(R"({"event":"request",)"));
  set_structured_log_json(false);
}
