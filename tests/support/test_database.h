#pragma once
// A clean cityclear schema in the test database: every pg test executable starts from it.
#include <memory>
#include <string>

#include <pqxx/connection>

namespace cityclear::testing {

// Drops and recreates the public schema of the test database and applies every migration.
void reset_test_database();
std::unique_ptr<pqxx::connection> connect_test_database();

}  // namespace cityclear::testing
