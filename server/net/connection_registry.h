#pragma once
// The open connections of one listener: counted against max_connections, and reachable when
// the server stops (close the idle ones at once, the rest when the stop deadline passes).
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <unordered_map>

namespace cityclear::net {

enum class CloseRequest {
  if_idle,  // between requests: close now; busy: finish the current request, then close
  now,      // the stop deadline passed
};

class ConnectionRegistry {
 public:
  // `gauge` names the /metrics gauge of open connections.
  explicit ConnectionRegistry(std::string gauge);

  // Registers a connection unless `limit` are open; the closer may be called from any thread.
  // Returns 0 when refused, else the id to unregister with.
  uint64_t try_register(int limit, std::function<void(CloseRequest)> closer);
  void unregister(uint64_t id);
  int open_connections() const;
  void close_all(CloseRequest request);

 private:
  void publish_locked() const;
  std::string gauge_;
  mutable std::mutex mutex_;
  uint64_t next_id_ = 1;
  std::unordered_map<uint64_t, std::function<void(CloseRequest)>> closers_;
};

}  // namespace cityclear::net
