#pragma once
// A fixed-size pool of PostgreSQL connections (database.pool_size), opened lazily, handed out as
// leases; a caller waits at most database.acquire_timeout_ms for one. A connection that broke is
// dropped and replaced on the next lease.
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <pqxx/connection>

#include "store/database_error.h"

namespace cityclear::store {

// Set on every connection as it opens (PostgreSQL's lock_timeout and statement_timeout); 0: none.
struct SessionLimits {
  int64_t lock_timeout_ms = 0;
  int64_t statement_timeout_ms = 0;
};

class ConnectionPool;

class ConnectionLease {
 public:
  ConnectionLease(ConnectionPool* pool, std::unique_ptr<pqxx::connection> connection);
  ConnectionLease(ConnectionLease&& other) noexcept;
  ConnectionLease& operator=(ConnectionLease&&) = delete;
  ~ConnectionLease();

  pqxx::connection& operator*() const { return *connection_; }
  pqxx::connection* operator->() const { return connection_.get(); }
  // Throws the connection away instead of returning it (after a broken connection).
  void discard() { connection_.reset(); }

 private:
  ConnectionPool* pool_;
  std::unique_ptr<pqxx::connection> connection_;
};

class ConnectionPool {
 public:
  ConnectionPool(std::string url, int size, int64_t acquire_timeout_ms, int64_t connect_timeout_ms,
                 SessionLimits limits = {});
  ConnectionPool(const ConnectionPool&) = delete;
  ConnectionPool& operator=(const ConnectionPool&) = delete;

  // Throws PoolExhausted after the wait, DatabaseUnavailable when a new connection cannot be
  // opened.
  ConnectionLease acquire();
  // A connection if one is free now, without waiting (for work that can also run without it).
  std::optional<ConnectionLease> try_acquire();
  // True when a connection can run `SELECT 1` now.
  bool ping();

  int size() const { return size_; }
  int in_use() const;

 private:
  friend class ConnectionLease;
  void give_back(std::unique_ptr<pqxx::connection> connection);
  std::unique_ptr<pqxx::connection> open_connection() const;
  ConnectionLease lease_locked(
      std::unique_lock<std::mutex>& lock);  // a free slot is known; unlocks

  std::string url_;
  int size_;
  std::chrono::milliseconds acquire_timeout_;
  int64_t connect_timeout_ms_;
  SessionLimits limits_;
  mutable std::mutex mutex_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<pqxx::connection>> idle_;
  int leased_ = 0;
};

// Opens one connection outside any pool (command-line tools, group commit); throws
// DatabaseUnavailable.
std::unique_ptr<pqxx::connection> open_connection(const std::string& url,
                                                  int64_t connect_timeout_ms,
                                                  SessionLimits limits = {});

}  // namespace cityclear::store
