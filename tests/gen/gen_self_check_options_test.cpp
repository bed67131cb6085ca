// Where cityclear-gen --self-check looks for the spec's data: inside the repository unless told.
#include <catch2/catch.hpp>

#include "gen/options.h"
#include "support/test_paths.h"

using namespace cityclear;
using namespace cityclear::gen;

TEST_CASE("gen: --self-check reads the repository's tests/data by default", "[gen][options]") {
  GenOptions options = parse_options({"--self-check"});
  CHECK(options.self_check);
  CHECK(options.self_check_data.vectors_dir == testing::test_data_dir() / "vectors");
  CHECK(options.self_check_data.samples_dir == testing::test_data_dir() / "samples");
}

TEST_CASE("gen: --data and --shared name the self-check's data in their own layouts",
          "[gen][options]") {
  GenOptions data = parse_options({"--self-check", "--data", "/somewhere"});
  CHECK(data.self_check_data.vectors_dir == std::filesystem::path("/somewhere/vectors"));
  CHECK(data.self_check_data.samples_dir == std::filesystem::path("/somewhere/samples"));
  GenOptions shared = parse_options({"--self-check", "--shared", "/elsewhere"});
  CHECK(shared.self_check_data.vectors_dir == std::filesystem::path("/elsewhere/spec/vectors"));
  CHECK(shared.self_check_data.samples_dir == std::filesystem::path("/elsewhere/samples"));
}
