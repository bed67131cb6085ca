// `cityclear db migrate`: brings the schema up to date (migrations compiled into the program).
#include <iostream>

#include "app/argument_parser.h"
#include "app/command_environment.h"
#include "app/exit_codes.h"
#include "app/subcommands.h"
#include "app/usage_error.h"
#include "store/migrations.h"

namespace cityclear::app {

const std::string_view db_help =
    "usage: cityclear db migrate [--config FILE]\n\n"
    "Applies the schema migrations the program carries that the database (database.url, or\n"
    "CITYCLEAR_DATABASE_URL) does not have yet, each in one transaction, and prints one line per\n"
    "migration: \"applied NAME\" or \"already present NAME\". Running it again changes nothing.\n"
    "Several processes migrating at once queue on a lock.\n\n"
    "Exit codes: 0 the schema is current; 1 a recorded migration differs from the program's;\n"
    "2 usage or configuration error; 4 the database could not be reached.\n";

int run_db(const CommandInput& input) {
  ParsedArguments arguments = parse_arguments(input.arguments, {});
  if (arguments.positional.size() != 1 || arguments.positional[0] != "migrate") {
    throw UsageError("the db subcommand is `cityclear db migrate`");
  }
  Config config = load_command_config(input.config_file);
  auto connection = store::open_connection(config.database.url, config.database.connect_timeout_ms);
  store::MigrationReport report =
      store::apply_migrations(*connection, store::embedded_migrations());
  for (const auto& name : report.applied) std::cout << "applied " << name << "\n";
  for (const auto& name : report.already_present) std::cout << "already present " << name << "\n";
  std::cout << std::flush;
  return exit_ok;
}

}  // namespace cityclear::app
