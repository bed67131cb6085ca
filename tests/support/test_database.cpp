#include "support/test_database.h"

#include <fmt/format.h>
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
    // Prepared transactions an earlier test left behind would hold their locks through the drop.
    pqxx::nontransaction session(*connection);
    for (const auto& row :
         session.exec("SELECT gid FROM pg_prepared_xacts WHERE database = current_database()")) {
      std::string name = row[0].as<std::string>();
      if (name.find('\'') != std::string::npos)
        throw std::runtime_error("a prepared transaction named with a quote: " + name);
      session.exec(fmt::format("ROLLBACK PREPARED '{}'", name));
    }
  }
  {
    pqxx::work transaction(*connection);
    transaction.exec("DROP SCHEMA IF EXISTS public CASCADE");
    transaction.exec("CREATE SCHEMA public");
    transaction.commit();
  }
  store::apply_migrations(*connection, store::embedded_migrations());
}

}  // namespace cityclear::testing
