#include "support/test_database.h"

#include <pqxx/pqxx>

#include "store/migrations.h"
#include "support/test_paths.h"

namespace cityclear::testing {

std::unique_ptr<pqxx::connection> connect_test_database() {
  return std::make_unique<pqxx::connection>(test_database_url());
}

void reset_test_database() {
  auto connection = connect_test_database();
  {
    pqxx::work transaction(*connection);
    transaction.exec("DROP SCHEMA IF EXISTS public CASCADE");
    transaction.exec("CREATE SCHEMA public");
    transaction.commit();
  }
  store::apply_migrations(*connection, store::embedded_migrations());
}

}  // namespace cityclear::testing
