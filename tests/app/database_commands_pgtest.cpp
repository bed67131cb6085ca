// The subcommands that work on the database: db migrate, ingest, settle.
#include <catch2/catch.hpp>
#include <pqxx/pqxx>

#include "support/run_cityclear.h"
#include "support/sample_config.h"
#include "support/tb1_builder.h"
#include "support/test_database.h"
#include "support/test_paths.h"

using namespace cityclear::testing;
using nlohmann::json;

namespace {

const EnvironmentChanges no_override{{"CITYCLEAR_DATABASE_URL", std::nullopt}};

std::string sample_path() {
  return (samples_dir() / "TB1_33010001_HZ2026112100000001AB.txt").string();
}

void drop_schema() {
  auto connection = connect_test_database();
  pqxx::work transaction(*connection);
  transaction.exec("DROP SCHEMA IF EXISTS public CASCADE");
  transaction.exec("CREATE SCHEMA public");
  transaction.commit();
}

}  // namespace

TEST_CASE("db migrate applies the schema once; again it is a no-op", "[app][pg]") {
  drop_schema();
  auto config = write_app_config("cli-migrate", test_database_url());
  auto first = run_cityclear({"--config", config.string(), "db", "migrate"}, "", no_override);
  INFO(first.err);
  CHECK(first.exit_code == 0);
  CHECK(first.out.find("applied ") != std::string::npos);
  auto second = run_cityclear({"--config", config.string(), "db", "migrate"}, "", no_override);
  CHECK(second.exit_code == 0);
  CHECK(second.out.find("applied ") == std::string::npos);
  CHECK(lines_of(second.out).size() == lines_of(first.out).size());
  for (const auto& line : lines_of(second.out)) CHECK(line.starts_with("already present "));
}

TEST_CASE("a database without the schema tells to run db migrate", "[app][pg]") {
  drop_schema();
  auto config = write_app_config("cli-no-schema", test_database_url());
  auto result =
      run_cityclear({"--config", config.string(), "ingest", sample_path()}, "", no_override);
  CHECK(result.exit_code == 1);
  CHECK(result.err.find("db migrate") != std::string::npos);
  CHECK(lines_of(result.err).size() == 1);
}

TEST_CASE("ingest prints one outcome per file, exit 3 when one is rejected", "[app][pg]") {
  reset_test_database();
  auto config = write_app_config("cli-ingest", test_database_url());
  auto first = run_cityclear({"--config", config.string(), "ingest", "--json", "--received",
                              "20261121100000", sample_path()},
                             "", no_override);
  INFO(first.err);
  REQUIRE(first.exit_code == 0);
  auto outcome = json::parse(first.out);
  CHECK(outcome["status"] == "accepted");
  CHECK(outcome["clearing_date"] == "20261121");
  CHECK(outcome["by_reason"] == sample_counts_by_reason());
  CHECK(outcome["repeat"] == false);

  std::string tampered_path = (scratch_dir("cli-ingest-tampered") / "tampered.txt").string();
  std::string tampered = read_text_file(sample_path());
  tampered[tampered.size() - 2] = tampered[tampered.size() - 2] == '0' ? '1' : '0';
  write_text_file(tampered_path, tampered);
  auto mixed = run_cityclear(
      {"--config", config.string(), "ingest", sample_path(), "/nonexistent/TB1.txt", tampered_path},
      "", no_override);
  CHECK(mixed.exit_code == 3);
  auto lines = lines_of(mixed.out);
  REQUIRE(lines.size() == 2);
  CHECK(lines[0].find(
            "accepted batch HZ2026112100000001AB acquirer 33010001 clearing day 20261121") !=
        std::string::npos);
  CHECK(lines[0].find("(repeat upload)") != std::string::npos);
  CHECK(lines[1].find("rejected F02") != std::string::npos);
  CHECK(mixed.err.find("/nonexistent/TB1.txt") != std::string::npos);
}

TEST_CASE("settle prints the summary; settling again changes nothing", "[app][pg]") {
  reset_test_database();
  auto config = write_app_config("cli-settle", test_database_url());
  REQUIRE(run_cityclear({"--config", config.string(), "ingest", "--received", "20261121100000",
                         sample_path()},
                        "", no_override)
              .exit_code == 0);
  auto first =
      run_cityclear({"--config", config.string(), "settle", "--date", "20261121"}, "", no_override);
  INFO(first.err);
  REQUIRE(first.exit_code == 0);
  CHECK(first.out.find("33010001") != std::string::npos);
  CHECK(first.out.find("STL_20261121.txt") != std::string::npos);
  CHECK(std::filesystem::exists(config.parent_path() / "out" / "20261121" / "STL_20261121.txt"));
  auto again =
      run_cityclear({"--config", config.string(), "settle", "--date", "20261121"}, "", no_override);
  CHECK(again.exit_code == 0);
  CHECK(again.out.find("already settled") != std::string::npos);
}
