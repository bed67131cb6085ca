#pragma once
// A listening socket of the server and its connections (used by server.cpp; implemented in
// http_server.cpp with Beast and tcp_server.cpp with Asio).
#include <atomic>
#include <cstdint>
#include <memory>

#include <boost/asio/io_context.hpp>

#include "config/config.h"
#include "net/clearing_backend.h"
#include "net/connection_registry.h"
#include "net/request_dispatcher.h"
#include "net/worker_pool.h"

namespace cityclear::net {

class Listener {
 public:
  virtual ~Listener() = default;
  virtual uint16_t port() const = 0;
  // Closes the listening socket (posted to the io threads; safe from any thread).
  virtual void stop_accepting() = 0;
  virtual ConnectionRegistry& connections() = 0;
};

// Both bind at once (port 0 picks a free port) and throw ListenError when they cannot.
// `stopping` tells connections to finish their current request and close.
std::unique_ptr<Listener> make_http_listener(boost::asio::io_context& io,
                                             RequestDispatcher& dispatcher,
                                             const std::atomic<bool>& stopping);
std::unique_ptr<Listener> make_tcp_listener(boost::asio::io_context& io, const Config& config,
                                            ClearingBackend& backend, IngestPools ingest_pools,
                                            const std::atomic<bool>& stopping);

}  // namespace cityclear::net
