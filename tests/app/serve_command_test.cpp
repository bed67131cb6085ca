// `cityclear serve` as a process: starts without a database, logs JSON lines, stops cleanly on
// SIGTERM and SIGINT with exit code 0.
#include <catch2/catch.hpp>
#include <csignal>

#include "support/run_cityclear.h"

using namespace cityclear::testing;
using nlohmann::json;

TEST_CASE("serve starts without a database and stops cleanly on SIGTERM or SIGINT",
          "[app][serve]") {
  for (int signal_number : {SIGTERM, SIGINT}) {
    auto config = write_app_config("serve-signal", unreachable_database_url(),
                                   {{"log", {{"format", "json"}}}});
    BackgroundCityclear server({"--config", config.string(), "serve"},
                               {{"CITYCLEAR_DATABASE_URL", std::nullopt}});
    auto unavailable = server.wait_for_line("database_unavailable_at_start", 10000);
    REQUIRE(unavailable);
    auto serving = server.wait_for_line("\"event\":\"serving\"", 10000);
    REQUIRE(serving);
    auto event = json::parse(*serving);
    CHECK(event.at("level") == "info");
    CHECK(event.at("time").get<std::string>().ends_with("Z"));
    CHECK(event.at("http").get<std::string>().starts_with("127.0.0.1:"));
    CHECK(event.at("http") != "127.0.0.1:0");
    server.send_signal(signal_number);
    auto stopped = server.wait_for_line("\"event\":\"stopped\"", 10000);
    REQUIRE(stopped);
    CHECK(json::parse(*stopped).at("drained") == 1);
    CHECK(server.wait_for_exit(10000) == 0);
  }
}

TEST_CASE("serve logs text lines unless the log format is json", "[app][serve]") {
  auto config = write_app_config("serve-text-log", unreachable_database_url());
  BackgroundCityclear server({"--config", config.string(), "serve"},
                             {{"CITYCLEAR_DATABASE_URL", std::nullopt}});
  auto serving = server.wait_for_line(" serving ", 10000);
  REQUIRE(serving);
  CHECK(serving->find("info serving http=127.0.0.1:") != std::string::npos);
  server.send_signal(SIGTERM);
  CHECK(server.wait_for_exit(10000) == 0);
}
