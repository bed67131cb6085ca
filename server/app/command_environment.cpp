#include "app/command_environment.h"

#include "app/logging_setup.h"
#include "crypto/file_key_provider.h"
#include "store/migrations.h"

namespace cityclear::app {

Config load_command_config(const std::filesystem::path& config_file) {
  Config config = load_config(config_file);
  configure_logging(config.log);
  return config;
}

std::unique_ptr<crypto::KeyProvider> load_command_keys(const Config& config) {
  return crypto::load_file_key_provider(config.keys_file);
}

std::unique_ptr<store::ConnectionPool> make_connection_pool(const Config& config) {
  const DatabaseSettings& database = config.database;
  return std::make_unique<store::ConnectionPool>(
      database.url, database.pool_size, database.acquire_timeout_ms, database.connect_timeout_ms,
      store::SessionLimits{.lock_timeout_ms = database.lock_timeout_ms,
                           .statement_timeout_ms = database.statement_timeout_ms});
}

void require_migrated_database(store::ConnectionPool& pool) {
  store::ConnectionLease lease = pool.acquire();
  store::require_current_schema(*lease);
}

}  // namespace cityclear::app
