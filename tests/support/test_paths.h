#pragma once
// Where tests find their data: tests/data in the source tree and ../shared beside it.
#include <filesystem>
#include <string>

namespace cityclear::testing {

std::filesystem::path source_dir();
std::filesystem::path shared_dir();
std::filesystem::path test_data_dir();
// A fresh empty folder under the build tree, removed and recreated on each call.
std::filesystem::path scratch_dir(const std::string& name);
// The database URL the pg tests use (CITYCLEAR_TEST_DATABASE_URL); fails the test when unset.
std::string test_database_url();

}  // namespace cityclear::testing
