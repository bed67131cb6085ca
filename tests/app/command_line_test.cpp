// Usage, help, subcommands of later versions, and exit code 4 for an unreachable database.
#include <catch2/catch.hpp>

#include "support/run_cityclear.h"

using namespace cityclear::testing;

TEST_CASE("--help describes the program and every subcommand", "[app][usage]") {
  auto program = run_cityclear({"--help"});
  CHECK(program.exit_code == 0);
  for (const char* name : {"serve", "ingest", "settle", "tac", "db", "sync", "reconcile", "replay",
                           "exceptions", "blacklist"}) {
    INFO(name);
    CHECK(program.out.find(std::string("  ") + name + " ") != std::string::npos);
  }
  CHECK(program.out.find("not available in this version") != std::string::npos);
  for (const char* name : {"serve", "ingest", "settle", "tac", "db"}) {
    auto help = run_cityclear({name, "--help"});
    INFO(name);
    CHECK(help.exit_code == 0);
    CHECK(help.out.find(std::string("usage: cityclear ") + name) != std::string::npos);
  }
  CHECK(run_cityclear({"ingest", "--help"}).out.find("--received") != std::string::npos);
  CHECK(run_cityclear({"settle", "--help"}).out.find("--date") != std::string::npos);
}

TEST_CASE("usage errors exit 2 with one line", "[app][usage]") {
  for (const std::vector<std::string>& arguments : {std::vector<std::string>{},
                                                    {"bogus"},
                                                    {"--bogus", "tac"},
                                                    {"ingest", "--bogus", "f"},
                                                    {"ingest"},
                                                    {"settle"},
                                                    {"settle", "--date", "20261131"},
                                                    {"settle", "--date"},
                                                    {"db"},
                                                    {"db", "drop"},
                                                    {"ingest", "--received", "2026", "f"},
                                                    {"tac", "extra"},
                                                    {"--config"}}) {
    auto result = run_cityclear(arguments);
    INFO("arguments: " << arguments.size() << " stderr: " << result.err);
    CHECK(result.exit_code == 2);
    if (!arguments.empty()) CHECK(lines_of(result.err).size() == 1);
  }
}

TEST_CASE("subcommands of a later version say so and exit 2", "[app][usage]") {
  for (const char* name : {"sync", "reconcile", "replay", "exceptions", "blacklist"}) {
    auto result = run_cityclear({name, "anything"});
    INFO(name);
    CHECK(result.exit_code == 2);
    CHECK(result.err == std::string("cityclear ") + name + ": not available in this version\n");
  }
}

TEST_CASE("an unreachable database is exit code 4 with one line", "[app][database]") {
  auto config = write_app_config("cli-no-database", unreachable_database_url());
  EnvironmentChanges no_override{{"CITYCLEAR_DATABASE_URL", std::nullopt}};
  for (const std::vector<std::string>& arguments : {std::vector<std::string>{"db", "migrate"},
                                                    {"settle", "--date", "20261121"},
                                                    {"ingest", config.string()}}) {
    std::vector<std::string> full{"--config", config.string()};
    full.insert(full.end(), arguments.begin(), arguments.end());
    auto result = run_cityclear(full, "", no_override);
    INFO(arguments[0] << " stderr: " << result.err);
    CHECK(result.exit_code == 4);
    CHECK(lines_of(result.err).size() == 1);
  }
}

TEST_CASE("CITYCLEAR_DATABASE_URL overrides database.url", "[app][database]") {
  auto config =
      write_app_config("cli-url-override", "postgresql://postgres@/cityclear?host=/tmp&port=5");
  auto result = run_cityclear({"--config", config.string(), "db", "migrate"}, "",
                              {{"CITYCLEAR_DATABASE_URL", unreachable_database_url()}});
  CHECK(result.exit_code == 4);
  CHECK(result.err.find("no-database") != std::string::npos);
}
