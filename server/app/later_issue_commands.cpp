// sync, reconcile, replay, exceptions, blacklist: specified in interfaces.md, delivered in a
// later version. Until then they say so and exit 2.
#include "app/exit_codes.h"
#include "app/guarded_run.h"
#include "app/subcommands.h"

namespace cityclear::app {

const std::string_view later_issue_help =
    "This subcommand (sync, reconcile, replay, exceptions, blacklist) is specified in\n"
    "shared/spec/interfaces.md but not available in this version of cityclear; it exits 2.\n";

int run_later_issue(const CommandInput& input) {
  print_error_line(input.name, "not available in this version");
  return exit_usage;
}

}  // namespace cityclear::app
