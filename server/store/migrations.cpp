#include "store/migrations.h"

#include <pqxx/pqxx>
#include <stdexcept>

#include "common/hex.h"
#include "common/sha256.h"

namespace cityclear::store {
namespace {

constexpr const char* create_migration_table =
    "CREATE TABLE IF NOT EXISTS schema_migration ("
    " name text PRIMARY KEY, sha256 text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())";

// Migrations of several processes at once queue on this lock instead of racing.
constexpr const char* lock_migrations = "SELECT pg_advisory_xact_lock(7405311)";

}  // namespace

MigrationReport apply_migrations(pqxx::connection& connection,
                                 const std::vector<Migration>& migrations) {
  MigrationReport report;
  for (const auto& migration : migrations) {
    std::string digest = sha256_hex(migration.sql);
    pqxx::work transaction(connection);
    transaction.exec(lock_migrations);
    transaction.exec(create_migration_table);
    pqxx::result found = transaction.exec_params(
        "SELECT sha256 FROM schema_migration WHERE name = $1", migration.name);
    if (!found.empty()) {
      if (found[0][0].as<std::string>() != digest) {
        throw std::runtime_error(
            "migration " + migration.name +
            " was applied with other text than the program carries; restore the original file");
      }
      report.already_present.push_back(migration.name);
      transaction.abort();
      continue;
    }
    transaction.exec(migration.sql);
    transaction.exec_params("INSERT INTO schema_migration (name, sha256) VALUES ($1, $2)",
                            migration.name, digest);
    transaction.commit();
    report.applied.push_back(migration.name);
  }
  return report;
}

void require_current_schema(pqxx::connection& connection) {
  pqxx::read_transaction transaction(connection);
  pqxx::result table = transaction.exec("SELECT to_regclass('schema_migration') IS NOT NULL");
  if (!table[0][0].as<bool>())
    throw std::runtime_error("the database has no cityclear schema: run `cityclear db migrate`");
  for (const auto& migration : embedded_migrations()) {
    pqxx::result found =
        transaction.exec_params("SELECT 1 FROM schema_migration WHERE name = $1", migration.name);
    if (found.empty())
      throw std::runtime_error("migration " + migration.name +
                               " is not applied: run `cityclear db migrate`");
  }
}

}  // namespace cityclear::store
