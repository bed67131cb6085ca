#include "support/test_paths.h"

#include <catch2/catch.hpp>
#include <cstdlib>

namespace cityclear::testing {
namespace {
std::string environment_or_fail(const char* name) {
  const char* value = std::getenv(name);
  if (value == nullptr || *value == '\0') {
    FAIL(std::string("environment variable ") + name + " is not set (run the tests through ctest)");
  }
  return value;
}
}  // namespace

std::filesystem::path source_dir() {
  return environment_or_fail("CITYCLEAR_SOURCE_DIR");
}
std::filesystem::path test_data_dir() {
  return source_dir() / "tests" / "data";
}
std::filesystem::path samples_dir() {
  return test_data_dir() / "samples";
}
std::filesystem::path vectors_dir() {
  return test_data_dir() / "vectors";
}

std::filesystem::path scratch_dir(const std::string& name) {
  std::filesystem::path path =
      std::filesystem::path(environment_or_fail("CITYCLEAR_BINARY_DIR")) / "scratch" / name;
  std::filesystem::remove_all(path);
  std::filesystem::create_directories(path);
  return path;
}

std::string test_database_url() {
  return environment_or_fail("CITYCLEAR_TEST_DATABASE_URL");
}

}  // namespace cityclear::testing
