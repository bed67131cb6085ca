#include "net/server.h"

#include <condition_variable>
#include <csignal>
#include <mutex>
#include <optional>
#include <thread>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>

#include "net/listener.h"
#include "net/spool_file.h"
#include "net/structured_log.h"

namespace cityclear::net {

struct Server::Impl {
  Impl(const Config& config, ClearingBackend& backend)
      : config(config),
        query_pool("query", config.database.pool_size, config.http.max_connections),
        ingest_pool("ingest", config.ingest.workers, config.ingest.queue_depth),
        large_ingest_pool("ingest_large", config.ingest.large_workers,
                          config.ingest.large_queue_depth),
        dispatcher(config, backend, query_pool, IngestPools{ingest_pool, large_ingest_pool}),
        io(config.http.threads) {}

  void run_io();
  void wait_for_stop_request();
  bool wait_until_drained();
  bool everything_idle() const;

  const Config& config;
  WorkerPool query_pool;
  WorkerPool ingest_pool;
  WorkerPool large_ingest_pool;
  RequestDispatcher dispatcher;
  std::atomic<bool> stopping{false};
  boost::asio::io_context io;
  // Keeps the io threads running while a connection has no operation pending (its request is on a
  // worker) and the acceptors are closed, until the stop is complete.
  std::optional<boost::asio::executor_work_guard<boost::asio::io_context::executor_type>>
      keep_running;
  std::optional<boost::asio::signal_set> signals;
  std::unique_ptr<Listener> http;
  std::unique_ptr<Listener> tcp;
  std::vector<std::thread> io_threads;
  std::mutex mutex;
  std::condition_variable stop_changed;
  int stop_requests = 0;
};

Server::Server(const Config& config, ClearingBackend& backend)
    : impl_(std::make_unique<Impl>(config, backend)) {
  int leftovers = prepare_spool_dir(config.spool_dir);
  if (leftovers > 0)
    log_event(spdlog::level::warn, "spool_cleaned", {{"files_removed", int64_t{leftovers}}});
  impl_->http = make_http_listener(impl_->io, impl_->dispatcher, impl_->stopping);
  impl_->tcp =
      make_tcp_listener(impl_->io, config, backend,
                        IngestPools{impl_->ingest_pool, impl_->large_ingest_pool}, impl_->stopping);
}

Server::~Server() {
  if (!impl_->io_threads.empty()) {
    request_stop();
    wait();
  }
  impl_->query_pool.shutdown();
  impl_->ingest_pool.shutdown();
  impl_->large_ingest_pool.shutdown();
}

uint16_t Server::http_port() const {
  return impl_->http->port();
}
uint16_t Server::tcp_port() const {
  return impl_->tcp->port();
}

void Server::start() {
  log_event(spdlog::level::info, "serving",
            {{"http", impl_->config.http.listen.host + ":" + std::to_string(http_port())},
             {"tcp", impl_->config.tcp.listen.host + ":" + std::to_string(tcp_port())},
             {"io_threads", int64_t{impl_->config.http.threads}},
             {"ingest_workers", int64_t{impl_->config.ingest.workers}}});
  impl_->keep_running.emplace(impl_->io.get_executor());
  for (int i = 0; i < impl_->config.http.threads; ++i)
    impl_->io_threads.emplace_back([this] { impl_->run_io(); });
}

void Server::stop_on_signals() {
  impl_->signals.emplace(impl_->io, SIGTERM, SIGINT);
  wait_for_next_signal();
}

// Re-arms itself after each signal (a second SIGTERM is logged too); no self-owning closure.
void Server::wait_for_next_signal() {
  impl_->signals->async_wait([this](const boost::system::error_code& error, int signal_number) {
    if (error) return;
    log_event(spdlog::level::info, "signal", {{"signal", int64_t{signal_number}}});
    request_stop();
    wait_for_next_signal();
  });
}

void Server::request_stop() {
  {
    std::lock_guard lock(impl_->mutex);
    ++impl_->stop_requests;
  }
  impl_->stop_changed.notify_all();
}

// An exception escaping a handler is a bug; it is logged and the thread goes on serving.
void Server::Impl::run_io() {
  while (true) {
    try {
      io.run();
      return;
    } catch (const std::exception& error) {
      log_event(spdlog::level::err, "io_thread_error", {{"detail", error.what()}});
    }
  }
}

void Server::Impl::wait_for_stop_request() {
  std::unique_lock lock(mutex);
  stop_changed.wait(lock, [this] { return stop_requests > 0; });
}

bool Server::Impl::everything_idle() const {
  return http->connections().open_connections() == 0 &&
         tcp->connections().open_connections() == 0 && query_pool.idle() && ingest_pool.idle() &&
         large_ingest_pool.idle();
}

// Waits for connections and jobs to finish, until http.request_timeout_ms or a second stop request.
bool Server::Impl::wait_until_drained() {
  auto deadline =
      std::chrono::steady_clock::now() + std::chrono::milliseconds(config.http.request_timeout_ms);
  std::unique_lock lock(mutex);
  while (!everything_idle()) {
    if (stop_requests > 1 || std::chrono::steady_clock::now() >= deadline) return false;
    stop_changed.wait_for(lock, std::chrono::milliseconds(20));
  }
  return true;
}

StopReport Server::wait() {
  impl_->wait_for_stop_request();
  log_event(spdlog::level::info, "stopping", {});
  impl_->stopping = true;
  impl_->http->stop_accepting();
  impl_->tcp->stop_accepting();
  impl_->http->connections().close_all(CloseRequest::if_idle);
  impl_->tcp->connections().close_all(CloseRequest::if_idle);
  StopReport report;
  report.drained = impl_->wait_until_drained();
  impl_->http->connections().close_all(CloseRequest::now);
  impl_->tcp->connections().close_all(CloseRequest::now);
  impl_->keep_running.reset();
  impl_->io.stop();
  for (auto& thread : impl_->io_threads) thread.join();
  impl_->io_threads.clear();
  if (impl_->signals) impl_->signals->cancel();
  report.workers_busy =
      !impl_->query_pool.idle() || !impl_->ingest_pool.idle() || !impl_->large_ingest_pool.idle();
  log_event(report.drained ? spdlog::level::info : spdlog::level::warn, "stopped",
            {{"drained", int64_t{report.drained}}, {"workers_busy", int64_t{report.workers_busy}}});
  return report;
}

}  // namespace cityclear::net
