#pragma once
// What the subcommands share: the configuration (and logging set up from it), the keys, the
// database connections, each loaded only by the subcommands that need it.
#include <filesystem>
#include <memory>

#include "config/config.h"
#include "crypto/key_provider.h"
#include "store/connection_pool.h"

namespace cityclear::app {

// load_config + configure_logging. Throws ConfigError.
Config load_command_config(const std::filesystem::path& config_file);
// The file-backed key provider of config.keys_file. Throws crypto::KeyFileError.
std::unique_ptr<crypto::KeyProvider> load_command_keys(const Config& config);
std::unique_ptr<store::ConnectionPool> make_connection_pool(const Config& config);
// Throws store::DatabaseUnavailable, or std::runtime_error when `cityclear db migrate` is due.
void require_migrated_database(store::ConnectionPool& pool);

}  // namespace cityclear::app
