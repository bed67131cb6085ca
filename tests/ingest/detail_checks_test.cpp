#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "ingest/detail_checks.h"
#include "ingest/file_layout.h"
#include "support/tb1_builder.h"
#include "support/test_paths.h"

using namespace cityclear;
using namespace cityclear::ingest;

namespace {

std::string sample_text() {
  return testing::read_text_file(
      (testing::samples_dir() / "TB1_33010001_HZ2026112100000001AB.txt").string());
}

size_t line_start(const std::string& text, int line_number) {
  size_t offset = 0;
  for (int line = 1; line < line_number; ++line) offset = text.find('\n', offset) + 1;
  return offset;
}

std::string mutate(std::string text, const nlohmann::json& change) {
  if (change.value("empty", false)) return "";
  if (change.contains("append")) return text + change["append"].get<std::string>();
  if (change.contains("delete_line")) {
    size_t start = line_start(text, change["delete_line"].get<int>());
    return text.erase(start, text.find('\n', start) + 1 - start);
  }
  size_t start = line_start(text, change["line"].get<int>());
  if (change.contains("delete_columns")) {
    return text.erase(start + change["delete_columns"][0].get<size_t>(),
                      change["delete_columns"][1].get<size_t>());
  }
  std::string replacement = change["replace"].get<std::string>();
  return text.replace(start + change["column"].get<size_t>(), replacement.size(), replacement);
}

// The first whole-file problem that needs no key: the layout, then the details.
std::optional<std::string> first_problem(const std::string& text) {
  std::string detail;
  auto layout = locate_file_layout(text, detail);
  if (!layout) return detail;
  DetailSummary summary;
  return check_details(*layout, summary);
}

}  // namespace

TEST_CASE("the sample file passes every format rule") {
  std::string text = sample_text();
  std::string detail;
  auto layout = locate_file_layout(text, detail);
  REQUIRE(layout);
  DetailSummary summary;
  CHECK_FALSE(check_details(*layout, summary));
  CHECK(summary.count == 11);
  CHECK(summary.total_amount_fen == 7350);
  CHECK(layout->trailer_offset == text.size() - 88);
}

TEST_CASE("every malformed case names its line, field and rule") {
  auto cases = nlohmann::json::parse(testing::read_text_file(
      (testing::test_data_dir() / "ingest" / "malformed_cases.json").string()));
  for (const auto& change : cases["cases"]) {
    DYNAMIC_SECTION(change["name"].get<std::string>()) {
      auto problem = first_problem(mutate(sample_text(), change));
      REQUIRE(problem);
      INFO(*problem);
      for (const auto& word : change["expect"])
        CHECK(problem->find(word.get<std::string>()) != std::string::npos);
    }
  }
}
