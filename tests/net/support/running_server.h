#pragma once
// A net::Server started in the test process on ephemeral ports, stopped cleanly at scope end.
#include <string>

#include "config/config.h"
#include "net/server.h"

namespace cityclear::testing {

// Listeners on 127.0.0.1:0, spool and output in a scratch folder, the samples' participants,
// a database URL that leads nowhere (tests with a FakeBackend never use it).
Config server_test_config(const std::string& scratch_name);

class RunningServer {
 public:
  RunningServer(const Config& config, net::ClearingBackend& backend);
  ~RunningServer();  // request_stop + wait
  RunningServer(const RunningServer&) = delete;
  RunningServer& operator=(const RunningServer&) = delete;

  uint16_t http_port() const { return server_.http_port(); }
  uint16_t tcp_port() const { return server_.tcp_port(); }
  net::StopReport stop();

 private:
  net::Server server_;
  bool stopped_ = false;
};

}  // namespace cityclear::testing
