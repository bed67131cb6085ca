// A configuration or keys file that cannot be used: exit code 2 and ONE clear line on stderr.
#include <catch2/catch.hpp>
#include <csignal>
#include <sys/stat.h>

#include "support/run_cityclear.h"
#include "support/tb1_builder.h"
#include "support/test_paths.h"

using namespace cityclear::testing;

namespace {

void check_one_line_exit_2(const CommandResult& result, const std::string& mentions) {
  INFO("stderr: " << result.err);
  CHECK(result.exit_code == 2);
  CHECK(lines_of(result.err).size() == 1);
  CHECK(result.err.find(mentions) != std::string::npos);
  CHECK(result.out.empty());
}

}  // namespace

TEST_CASE("a missing configuration file", "[app][config]") {
  auto result = run_cityclear({"--config", "/nonexistent/cityclear.json", "tac"});
  check_one_line_exit_2(result, "/nonexistent/cityclear.json");
}

TEST_CASE("an unknown key in the configuration", "[app][config]") {
  auto config = write_app_config("config-unknown-key", unreachable_database_url(),
                                 {{"http", {{"thread", 4}}}});
  check_one_line_exit_2(run_cityclear({"--config", config.string(), "tac"}), "thread");
}

TEST_CASE("a value out of its range", "[app][config]") {
  auto config =
      write_app_config("config-range", unreachable_database_url(), {{"ingest", {{"workers", 0}}}});
  check_one_line_exit_2(run_cityclear({"tac", "--config", config.string()}), "workers");
}

TEST_CASE("a configuration that is not JSON", "[app][config]") {
  auto folder = scratch_dir("config-not-json");
  write_text_file((folder / "cityclear.json").string(), "{\"database\": ");
  check_one_line_exit_2(run_cityclear({"--config", (folder / "cityclear.json").string(), "serve"}),
                        "cityclear.json");
}

TEST_CASE("a keys file that group or others can read is refused", "[app][config]") {
  auto config = write_app_config("config-keys-644", unreachable_database_url());
  std::filesystem::path keys = config.parent_path() / "keys.json";
  REQUIRE(::chmod(keys.c_str(), 0644) == 0);
  auto result = run_cityclear({"--config", config.string(), "tac"});
  check_one_line_exit_2(result, "keys");
  CHECK(result.err.find("mtk") == std::string::npos);
  REQUIRE(::chmod(keys.c_str(), 0600) == 0);
  CHECK(run_cityclear({"--config", config.string(), "tac"}).exit_code == 0);
}

TEST_CASE("a keys file that does not exist", "[app][config]") {
  auto config = write_app_config("config-no-keys", unreachable_database_url(),
                                 {{"keys_file", "missing-keys.json"}});
  check_one_line_exit_2(run_cityclear({"--config", config.string(), "serve"}), "missing-keys.json");
}

TEST_CASE("a listen address already in use stops serve with one line", "[app][config]") {
  auto first = write_app_config("config-port-first", unreachable_database_url(),
                                {{"log", {{"format", "json"}}}});
  BackgroundCityclear server({"--config", first.string(), "serve"});
  auto serving = server.wait_for_line("\"event\":\"serving\"", 10000);
  REQUIRE(serving);
  std::string http = nlohmann::json::parse(*serving).at("http");
  auto second = write_app_config("config-port-second", unreachable_database_url(),
                                 {{"http", {{"listen", http}}}});
  auto result = run_cityclear({"--config", second.string(), "serve"});
  check_one_line_exit_2(result, "http.listen");
  server.send_signal(SIGTERM);
  CHECK(server.wait_for_exit(10000) == 0);
}
