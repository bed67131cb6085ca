#include "running_server.h"

#include "support/test_paths.h"

namespace cityclear::testing {

Config server_test_config(const std::string& scratch_name) {
  std::filesystem::path folder = scratch_dir(scratch_name);
  Config config;
  config.config_file = folder / "cityclear.json";
  config.database.url =
      "postgresql://nobody@/nowhere?host=" + (folder / "no-socket").string() + "&port=1";
  config.spool_dir = folder / "spool";
  config.output_dir = folder / "out";
  config.http.listen = {"127.0.0.1", 0};
  config.tcp.listen = {"127.0.0.1", 0};
  config.http.request_timeout_ms = 10000;
  config.participants = load_participants(samples_dir() / "participants.json");
  return config;
}

RunningServer::RunningServer(const Config& config, net::ClearingBackend& backend)
    : server_(config, backend) {
  server_.start();
}

RunningServer::~RunningServer() {
  stop();
}

net::StopReport RunningServer::stop() {
  if (stopped_) return {};
  stopped_ = true;
  server_.request_stop();
  return server_.wait();
}

}  // namespace cityclear::testing
