#pragma once
// Schema migrations: schema/NNN_name.sql applied in name order, each in one transaction, recorded
// in schema_migration with its SHA-256. Applying twice changes nothing; a recorded migration whose
// text changed since is an error (the schema would no longer be what the files say).
#include <string>
#include <vector>

#include <pqxx/connection>

namespace cityclear::store {

struct Migration {
  std::string name;
  std::string sql;
};

const std::vector<Migration>& embedded_migrations();

struct MigrationReport {
  std::vector<std::string> applied;
  std::vector<std::string> already_present;
};

MigrationReport apply_migrations(pqxx::connection& connection,
                                 const std::vector<Migration>& migrations);

// Throws std::runtime_error when the database lacks a migration the program knows (run `db
// migrate`).
void require_current_schema(pqxx::connection& connection);

}  // namespace cityclear::store
