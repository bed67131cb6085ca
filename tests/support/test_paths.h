#pragma once
// Where tests find their data: only inside the repository, under tests/data (see
// tests/data/README.md), and a scratch folder under the build tree.
#include <filesystem>
#include <string>

namespace cityclear::testing {

std::filesystem::path source_dir();
std::filesystem::path test_data_dir();
// The scheme's published sample data set (TB1 file, expected.json, keys.json, participants.json):
// tests/data/samples. keys.json must be copied and made 0600 before a program reads it
// (private_copy_of_sample_keys in tb1_builder.h).
std::filesystem::path samples_dir();
// The scheme's published crypto vectors (des.json, tac.json): tests/data/vectors.
std::filesystem::path vectors_dir();
// A fresh empty folder under the build tree, removed and recreated on each call.
std::filesystem::path scratch_dir(const std::string& name);
// The database URL the pg tests use (CITYCLEAR_TEST_DATABASE_URL); fails the test when unset.
std::string test_database_url();

}  // namespace cityclear::testing
