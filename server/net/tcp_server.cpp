// The TCP upload listener (interfaces.md): length-prefixed TB1 files in, length-prefixed JSON
// outcomes out, many frames a connection. A frame is spooled to disk as it arrives and ingested
// only when whole: a bad length, a stall or a cut-off frame closes the connection and stores
// nothing.
#include <array>
#include <chrono>
#include <optional>
#include <vector>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/tcp_stream.hpp>

#include "common/metrics.h"
#include "net/accept_loop.h"
#include "net/bind_acceptor.h"
#include "net/error_response.h"
#include "net/handlers.h"
#include "net/listener.h"
#include "net/structured_log.h"
#include "net/tcp_frame.h"

namespace cityclear::net {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

constexpr size_t read_chunk_bytes = 64 * 1024;

struct TcpContext {
  const Config& config;
  ClearingBackend& backend;
  IngestPools ingest_pools;
  const std::atomic<bool>& stopping;
  std::shared_ptr<ConnectionRegistry> registry;
};

// The answer payload of an HTTP-style answer: its JSON without the trailing newline.
std::string frame_payload_of(const HttpResponse& response) {
  std::string payload = response.body;
  while (!payload.empty() && payload.back() == '\n') payload.pop_back();
  return payload;
}

class TcpUploadSession : public std::enable_shared_from_this<TcpUploadSession> {
 public:
  TcpUploadSession(tcp::socket socket, const TcpContext& context)
      : stream_(std::move(socket)),
        context_(context),
        settings_(context.config.tcp),
        chunk_(read_chunk_bytes) {
    beast::error_code ignored;
    auto endpoint = stream_.socket().remote_endpoint(ignored);
    peer_ = ignored ? std::string("-")
                    : endpoint.address().to_string() + ":" + std::to_string(endpoint.port());
  }

  ~TcpUploadSession() {
    if (registration_ != 0) context_.registry->unregister(registration_);
  }

  void start(uint64_t registration) {
    registration_ = registration;
    asio::dispatch(stream_.get_executor(),
                   [self = shared_from_this()] { self->read_frame_length(); });
  }

  // Over max_connections: one "busy" answer, then close.
  void refuse() {
    asio::dispatch(stream_.get_executor(), [self = shared_from_this()] {
      self->closing_after_answer_ = true;
      self->write_answer(frame_payload_of(retryable_error_response(
          "busy", "the server has too many open upload connections; try again later")));
    });
  }

  void request_close(CloseRequest request) {
    asio::post(stream_.get_executor(), [self = shared_from_this(), request] {
      self->closing_after_answer_ = true;
      if (request == CloseRequest::now || self->waiting_for_frame_) self->close();
    });
  }

 private:
  void read_frame_length() {
    if (context_.stopping || closing_after_answer_) return close();
    waiting_for_frame_ = true;
    stream_.expires_after(std::chrono::milliseconds(settings_.idle_timeout_ms));
    asio::async_read(stream_, asio::buffer(length_prefix_),
                     [self = shared_from_this()](beast::error_code error, std::size_t) {
                       self->on_frame_length(error);
                     });
  }

  void on_frame_length(beast::error_code error) {
    waiting_for_frame_ = false;
    if (error) return close();  // the peer closed, or stayed idle past idle_timeout_ms
    frame_started_ = Clock::now();
    auto length = decode_frame_length(length_prefix_, settings_.max_frame_bytes);
    if (!length) {
      log_frame(spdlog::level::warn, "bad_length", 0,
                "the frame length is 0 or over tcp.max_frame_bytes");
      return close();
    }
    try {
      spool_ = SpoolFile::create(context_.config.spool_dir, spool_file_prefix);
    } catch (const std::exception& failure) {
      log_frame(spdlog::level::err, "spool_failed", 0, failure.what());
      return close();
    }
    frame_length_ = *length;
    received_ = 0;
    stream_.expires_after(std::chrono::milliseconds(settings_.frame_timeout_ms));
    read_frame_bytes();
  }

  void read_frame_bytes() {
    size_t wanted = std::min<size_t>(chunk_.size(), frame_length_ - received_);
    stream_.async_read_some(
        asio::buffer(chunk_.data(), wanted),
        [self = shared_from_this()](beast::error_code error, std::size_t bytes) {
          self->on_frame_bytes(error, bytes);
        });
  }

  void on_frame_bytes(beast::error_code error, std::size_t bytes) {
    if (!error && !spool_->write({chunk_.data(), bytes})) {
      log_frame(spdlog::level::err, "spool_failed", received_, spool_->error());
      return close();
    }
    received_ += bytes;
    if (error) {
      log_frame(spdlog::level::warn, "cut_off", received_,
                "the frame ended early or stalled: nothing stored");
      spool_.reset();
      return close();
    }
    if (received_ < frame_length_) return read_frame_bytes();
    spool_->close();
    stream_.expires_never();
    ingest_frame();
  }

  void ingest_frame() {
    auto self = shared_from_this();
    std::shared_ptr<SpoolFile> frame = std::move(spool_);
    WorkerPool& pool =
        context_.ingest_pools.for_upload(context_.config.ingest, frame->size_bytes());
    bool queued = pool.try_submit([self, frame]() mutable {
      HttpResponse answer = answer_upload(self->context_.backend, frame->path(),
                                          {ingest::UploadSource::tcp, std::nullopt});
      frame.reset();
      asio::post(self->stream_.get_executor(),
                 [self, answer = std::move(answer)] { self->on_ingested(answer); });
    });
    if (!queued)
      on_ingested(
          retryable_error_response("busy", "the server has too much work queued; try again later"));
  }

  void on_ingested(const HttpResponse& answer) {
    log_frame(answer.status < 500 ? spdlog::level::info : spdlog::level::warn,
              std::to_string(answer.status), received_, "");
    write_answer(frame_payload_of(answer));
  }

  void write_answer(std::string payload) {
    auto frame = std::make_shared<std::string>(encode_frame(payload));
    stream_.expires_after(std::chrono::milliseconds(settings_.frame_timeout_ms));
    asio::async_write(stream_, asio::buffer(*frame),
                      [self = shared_from_this(), frame](beast::error_code error, std::size_t) {
                        if (error) return self->close();
                        self->read_frame_length();
                      });
  }

  void log_frame(spdlog::level::level_enum level, const std::string& outcome, int64_t bytes,
                 const std::string& detail) {
    double seconds = std::chrono::duration<double>(Clock::now() - frame_started_).count();
    metrics().add("cityclear_tcp_frames_total", {{"outcome", outcome}});
    std::vector<LogField> fields{
        {"peer", peer_}, {"outcome", outcome}, {"bytes", bytes}, {"duration_ms", seconds * 1000.0}};
    if (!detail.empty()) fields.push_back({"detail", detail});
    log_event(level, "tcp_frame", fields);
  }

  void close() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
    stream_.close();
  }

  beast::tcp_stream stream_;
  const TcpContext context_;  // a copy: the session may outlive the listener by a moment
  const TcpSettings& settings_;
  std::vector<char> chunk_;
  std::array<uint8_t, frame_length_bytes> length_prefix_{};
  std::shared_ptr<SpoolFile> spool_;
  uint32_t frame_length_ = 0;
  int64_t received_ = 0;
  Clock::time_point frame_started_ = Clock::now();
  std::string peer_;
  uint64_t registration_ = 0;
  bool waiting_for_frame_ = false;
  bool closing_after_answer_ = false;
};

class TcpListener : public Listener {
 public:
  TcpListener(asio::io_context& io, const Config& config, ClearingBackend& backend,
              IngestPools ingest_pools, const std::atomic<bool>& stopping)
      : io_(io),
        acceptor_(asio::make_strand(io)),
        context_{config, backend, ingest_pools, stopping,
                 std::make_shared<ConnectionRegistry>("cityclear_tcp_connections")} {
    metrics().describe("cityclear_tcp_frames_total", "counter",
                       "TCP upload frames by outcome: the HTTP-like status of the answer, "
                       "bad_length, cut_off, spool_failed.");
    bind_acceptor(acceptor_, config.tcp.listen, "tcp.listen");
    port_ = acceptor_.local_endpoint().port();
    accept_next();
  }

  uint16_t port() const override { return port_; }
  ConnectionRegistry& connections() override { return *context_.registry; }

  void stop_accepting() override { close_acceptor_later(acceptor_); }

 private:
  void accept_next() {
    accept_connections(io_, acceptor_, [this](tcp::socket socket) {
      auto session = std::make_shared<TcpUploadSession>(std::move(socket), context_);
      start_within_limit(session, *context_.registry, context_.config.tcp.max_connections);
    });
  }

  asio::io_context& io_;
  tcp::acceptor acceptor_;
  TcpContext context_;
  uint16_t port_ = 0;
};

}  // namespace

std::unique_ptr<Listener> make_tcp_listener(asio::io_context& io, const Config& config,
                                            ClearingBackend& backend, IngestPools ingest_pools,
                                            const std::atomic<bool>& stopping) {
  return std::make_unique<TcpListener>(io, config, backend, ingest_pools, stopping);
}

}  // namespace cityclear::net
