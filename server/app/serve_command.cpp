// `cityclear serve`: the clearing-center daemon.
#include <cstdlib>

#include <spdlog/spdlog.h>

#include "app/argument_parser.h"
#include "app/command_environment.h"
#include "app/exit_codes.h"
#include "app/subcommands.h"
#include "app/usage_error.h"
#include "net/database_backend.h"
#include "net/server.h"
#include "net/structured_log.h"

namespace cityclear::app {

const std::string_view serve_help =
    "usage: cityclear serve [--config FILE]\n\n"
    "Runs the clearing-center daemon: the HTTP listener (http.listen) and the TCP upload\n"
    "listener (tcp.listen) of the configuration, until SIGTERM or SIGINT. On either signal it\n"
    "stops accepting, finishes the requests and uploads in flight (for at most\n"
    "http.request_timeout_ms; a second signal cuts the wait short) and exits 0.\n\n"
    "The database may be down at start: /readyz answers 503 until it answers. A reachable\n"
    "database without the current schema stops the start (run `cityclear db migrate`).\n";

namespace {

// A database down at start is not fatal (the daemon waits for it); a stale schema is.
void check_schema_if_reachable(store::ConnectionPool& pool) {
  try {
    require_migrated_database(pool);
  } catch (const store::DatabaseUnavailable& error) {
    net::log_event(spdlog::level::warn, "database_unavailable_at_start",
                   {{"detail", error.what()}});
  }
}

}  // namespace

int run_serve(const CommandInput& input) {
  ParsedArguments arguments = parse_arguments(input.arguments, {});
  if (!arguments.positional.empty()) throw UsageError("serve takes no arguments");
  Config config = load_command_config(input.config_file);
  std::unique_ptr<crypto::KeyProvider> keys = load_command_keys(config);
  std::unique_ptr<store::ConnectionPool> pool = make_connection_pool(config);
  net::DatabaseBackend backend(config, *pool, *keys);
  net::Server server(config, backend);  // binds first: a busy port is the only line printed
  check_schema_if_reachable(*pool);
  server.stop_on_signals();
  server.start();
  net::StopReport report = server.wait();
  if (report.workers_busy) {
    // Jobs past the deadline: their transactions roll back when the process ends; nothing
    // half-stored.
    spdlog::warn("exiting with work still running; its database transactions roll back");
    spdlog::shutdown();
    std::_Exit(exit_ok);
  }
  return exit_ok;
}

}  // namespace cityclear::app
