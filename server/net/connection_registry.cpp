#include "net/connection_registry.h"

#include <vector>

#include "common/metrics.h"

namespace cityclear::net {

ConnectionRegistry::ConnectionRegistry(std::string gauge) : gauge_(std::move(gauge)) {
  metrics().describe(gauge_, "gauge", "Open connections of the listener.");
  publish_locked();
}

uint64_t ConnectionRegistry::try_register(int limit, std::function<void(CloseRequest)> closer) {
  std::lock_guard lock(mutex_);
  if (static_cast<int>(closers_.size()) >= limit) return 0;
  uint64_t id = next_id_++;
  closers_.emplace(id, std::move(closer));
  publish_locked();
  return id;
}

void ConnectionRegistry::unregister(uint64_t id) {
  std::lock_guard lock(mutex_);
  closers_.erase(id);
  publish_locked();
}

int ConnectionRegistry::open_connections() const {
  std::lock_guard lock(mutex_);
  return static_cast<int>(closers_.size());
}

void ConnectionRegistry::close_all(CloseRequest request) {
  std::vector<std::function<void(CloseRequest)>> closers;
  {
    std::lock_guard lock(mutex_);
    for (const auto& [id, closer] : closers_) closers.push_back(closer);
  }
  for (const auto& closer : closers) closer(request);
}

void ConnectionRegistry::publish_locked() const {
  metrics().set(gauge_, {}, static_cast<double>(closers_.size()));
}

}  // namespace cityclear::net
