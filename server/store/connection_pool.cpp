#include "store/connection_pool.h"

#include <pqxx/except>
#include <pqxx/nontransaction>
#include <pqxx/transaction>

namespace cityclear::store {
namespace {

// libpq takes the connect timeout as a URL parameter; add it unless the URL has one.
std::string with_connect_timeout(const std::string& url, int64_t connect_timeout_ms) {
  if (url.find("connect_timeout=") != std::string::npos) return url;
  int64_t seconds =
      std::max<int64_t>(2, (connect_timeout_ms + 999) / 1000);  // libpq's minimum is 2 s
  bool is_uri = url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0;
  if (!is_uri) return url + " connect_timeout=" + std::to_string(seconds);
  return url + (url.find('?') == std::string::npos ? "?" : "&") +
         "connect_timeout=" + std::to_string(seconds);
}

constexpr const char* set_session_limits =
    "SELECT set_config('lock_timeout', $1, false), set_config('statement_timeout', $2, false)";

void apply_limits(pqxx::connection& connection, SessionLimits limits) {
  if (limits.lock_timeout_ms == 0 && limits.statement_timeout_ms == 0) return;
  pqxx::nontransaction session(connection);
  session.exec_params(set_session_limits, std::to_string(limits.lock_timeout_ms) + "ms",
                      std::to_string(limits.statement_timeout_ms) + "ms");
}

}  // namespace

std::unique_ptr<pqxx::connection> open_connection(const std::string& url,
                                                  int64_t connect_timeout_ms,
                                                  SessionLimits limits) {
  try {
    auto connection =
        std::make_unique<pqxx::connection>(with_connect_timeout(url, connect_timeout_ms));
    apply_limits(*connection, limits);
    return connection;
  } catch (const pqxx::broken_connection& error) {
    throw DatabaseUnavailable("cannot connect to the database: " + one_sentence(error.what()));
  }
}

ConnectionLease::ConnectionLease(ConnectionPool* pool, std::unique_ptr<pqxx::connection> connection)
    : pool_(pool), connection_(std::move(connection)) {}

ConnectionLease::ConnectionLease(ConnectionLease&& other) noexcept
    : pool_(other.pool_), connection_(std::move(other.connection_)) {
  other.pool_ = nullptr;
}

ConnectionLease::~ConnectionLease() {
  if (pool_ != nullptr) pool_->give_back(std::move(connection_));
}

ConnectionPool::ConnectionPool(std::string url, int size, int64_t acquire_timeout_ms,
                               int64_t connect_timeout_ms, SessionLimits limits)
    : url_(std::move(url)),
      size_(size),
      acquire_timeout_(acquire_timeout_ms),
      connect_timeout_ms_(connect_timeout_ms),
      limits_(limits) {}

std::unique_ptr<pqxx::connection> ConnectionPool::open_connection() const {
  return store::open_connection(url_, connect_timeout_ms_, limits_);
}

ConnectionLease ConnectionPool::acquire() {
  std::unique_lock lock(mutex_);
  bool got = available_.wait_for(lock, acquire_timeout_, [this] { return leased_ < size_; });
  if (!got) {
    throw PoolExhausted("all " + std::to_string(size_) + " database connections stayed busy for " +
                        std::to_string(acquire_timeout_.count()) + " ms");
  }
  return lease_locked(lock);
}

std::optional<ConnectionLease> ConnectionPool::try_acquire() {
  std::unique_lock lock(mutex_);
  if (leased_ >= size_) return std::nullopt;
  return lease_locked(lock);
}

ConnectionLease ConnectionPool::lease_locked(std::unique_lock<std::mutex>& lock) {
  ++leased_;
  std::unique_ptr<pqxx::connection> connection;
  if (!idle_.empty()) {
    connection = std::move(idle_.back());
    idle_.pop_back();
  }
  lock.unlock();
  if (connection && !connection->is_open()) connection.reset();
  if (!connection) {
    try {
      connection = open_connection();
    } catch (...) {
      give_back(nullptr);
      throw;
    }
  }
  return ConnectionLease(this, std::move(connection));
}

void ConnectionPool::give_back(std::unique_ptr<pqxx::connection> connection) {
  {
    std::lock_guard lock(mutex_);
    --leased_;
    if (connection && connection->is_open()) idle_.push_back(std::move(connection));
  }
  available_.notify_one();
}

int ConnectionPool::in_use() const {
  std::lock_guard lock(mutex_);
  return leased_;
}

bool ConnectionPool::ping() {
  try {
    ConnectionLease lease = acquire();
    try {
      pqxx::nontransaction transaction(*lease);
      transaction.exec("SELECT 1");
      return true;
    } catch (const pqxx::broken_connection&) {
      lease.discard();
      return false;
    }
  } catch (const std::exception&) {
    return false;
  }
}

}  // namespace cityclear::store
