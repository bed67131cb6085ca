#include "ingest/blacklist_cache.h"

#include <pqxx/pqxx>

#include "ingest/batch_statements.h"

namespace cityclear::ingest {

std::optional<BlacklistVersion> BlacklistCache::cached() const {
  std::lock_guard lock(mutex_);
  return current_;
}

BlacklistVersion BlacklistCache::load(pqxx::connection& connection) {
  BlacklistVersion loaded;
  {
    // One snapshot for the version and its entries.
    pqxx::transaction<pqxx::repeatable_read, pqxx::read_only> transaction(connection);
    pqxx::result version = transaction.exec(statements::blacklist_version);
    loaded.version = version[0][0].as<int64_t>();
    loaded.snapshot =
        std::make_shared<const BlacklistSnapshot>(BlacklistSnapshot::load(transaction));
  }
  std::lock_guard lock(mutex_);
  if (!current_ || current_->version <= loaded.version) current_ = loaded;
  return loaded;
}

void BlacklistCache::forget_older_than(int64_t version) {
  std::lock_guard lock(mutex_);
  if (current_ && current_->version < version) current_.reset();
}

}  // namespace cityclear::ingest
