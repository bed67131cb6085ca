// `cityclear tac` on the sample's detail lines (keys only, no database).
#include <catch2/catch.hpp>

#include "support/run_cityclear.h"
#include "support/tb1_builder.h"
#include "support/test_paths.h"

using namespace cityclear::testing;

namespace {

std::vector<std::string> sample_detail_lines() {
  std::vector<std::string> details;
  for (const auto& line : lines_of(
           read_text_file((samples_dir() / "TB1_33010001_HZ2026112100000001AB.txt").string()))) {
    if (line.starts_with("D")) details.push_back(line);
  }
  return details;
}

std::string joined(const std::vector<std::string>& lines) {
  std::string text;
  for (const auto& line : lines) text += line + "\n";
  return text;
}

}  // namespace

TEST_CASE("tac prints sequence, TAC carried, TAC computed and the verdict of every line",
          "[app][tac]") {
  auto config = write_app_config("tac-sample", unreachable_database_url());
  auto details = sample_detail_lines();
  REQUIRE(details.size() == 11);
  auto result = run_cityclear({"--config", config.string(), "tac"}, joined(details));
  INFO(result.err);
  CHECK(result.exit_code == 1);  // one MISMATCH (sequence 10), unknown issuer and key
  auto lines = lines_of(result.out);
  REQUIRE(lines.size() == 11);
  CHECK(lines[0] == "00000001 8CA672C6 8CA672C6 OK");
  CHECK(lines[3] == "00000004 00000000 - UNKNOWN_ISSUER");
  CHECK(lines[4] == "00000005 00000000 - UNKNOWN_KEY");
  CHECK(lines[9].starts_with("00000010 9EB85EF3 "));
  CHECK(lines[9].ends_with(" MISMATCH"));
  CHECK(result.err.empty());
}

TEST_CASE("tac exits 0 when every TAC verifies", "[app][tac]") {
  auto config = write_app_config("tac-ok", unreachable_database_url());
  auto details = sample_detail_lines();
  auto result = run_cityclear({"--config", config.string(), "tac"},
                              joined({details[0], details[1], details[2]}));
  CHECK(result.exit_code == 0);
  CHECK(lines_of(result.out).size() == 3);
}

TEST_CASE("a malformed line is named on stderr and the rest still checked", "[app][tac]") {
  auto config = write_app_config("tac-malformed", unreachable_database_url());
  auto details = sample_detail_lines();
  std::string broken = details[1];
  broken[30] = 'X';  // inside the card ASN
  auto result = run_cityclear({"--config", config.string(), "tac"},
                              joined({details[0], broken, "too short", details[2]}));
  CHECK(result.exit_code == 3);
  auto errors = lines_of(result.err);
  REQUIRE(errors.size() == 2);
  CHECK(errors[0].find("line 2") != std::string::npos);
  CHECK(errors[0].find("field") != std::string::npos);
  CHECK(errors[1].find("line 3") != std::string::npos);
  auto lines = lines_of(result.out);
  REQUIRE(lines.size() == 2);
  CHECK(lines[1].starts_with("00000003 "));
}
