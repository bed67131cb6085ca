#pragma once
// The clearing-center daemon's listeners: HTTP and TCP on one io_context run by http.threads
// threads, a query pool and an ingest pool for the blocking work, and a clean stop: stop
// accepting, finish what is in flight (bounded by http.request_timeout_ms), then return.
#include <cstdint>
#include <memory>

#include "config/config.h"
#include "net/clearing_backend.h"
#include "net/listen_error.h"

namespace cityclear::net {

struct StopReport {
  bool drained = true;  // every connection finished before the deadline
  bool workers_busy =
      false;  // a worker still runs a job (its transaction rolls back if the process ends)
};

class Server {
 public:
  // Prepares the spool folder and binds both listeners (port 0: a free port, see *_port()).
  // Throws ListenError, ConfigError.
  Server(const Config& config, ClearingBackend& backend);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  uint16_t http_port() const;
  uint16_t tcp_port() const;

  // Starts the io threads.
  void start();
  // SIGTERM and SIGINT request the stop; a second one cuts the wait short.
  void stop_on_signals();
  // Asks for the stop; safe from any thread.
  void request_stop();
  // Blocks until a stop is requested, then stops cleanly.
  StopReport wait();

 private:
  void wait_for_next_signal();
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace cityclear::net
