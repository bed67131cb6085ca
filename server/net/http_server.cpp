// The HTTP/1.1 listener: the only translation unit that sees Beast. A connection reads a request
// head (header limit, body limit from Content-Length), lets the dispatcher admit it, streams the
// body into a spool file (inflating gzip on the way), hands the request to the dispatcher and
// writes its answer, all under the configured timeouts.
#include <chrono>
#include <optional>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/bind_handler.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/file_body.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>

#include "common/metrics.h"
#include "net/accept_loop.h"
#include "net/auth.h"
#include "net/bind_acceptor.h"
#include "net/error_response.h"
#include "net/listener.h"
#include "net/request_body_sink.h"
#include "net/structured_log.h"

namespace cityclear::net {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

// Lingering close: after the answer, read (and drop) what the client still sends for this long,
// so that closing with unread bytes does not reset the connection before the answer arrives.
constexpr std::chrono::milliseconds linger_time{2000};

// A Beast body that hands every arriving byte to a RequestBodySink instead of memory.
struct SinkBody {
  using value_type = std::shared_ptr<RequestBodySink>;

  class reader {
   public:
    template <bool is_request, class Fields>
    reader(http::header<is_request, Fields>&, value_type& sink) : sink_(sink) {}

    void init(const boost::optional<std::uint64_t>&, beast::error_code& error) { error = {}; }

    template <class ConstBufferSequence>
    std::size_t put(const ConstBufferSequence& buffers, beast::error_code& error) {
      std::size_t taken = 0;
      for (auto it = asio::buffer_sequence_begin(buffers); it != asio::buffer_sequence_end(buffers);
           ++it) {
        asio::const_buffer buffer = *it;
        if (!sink_ || !sink_->write({static_cast<const char*>(buffer.data()), buffer.size()})) {
          error = beast::errc::make_error_code(beast::errc::operation_canceled);
          return taken;
        }
        taken += buffer.size();
      }
      error = {};
      return taken;
    }

    void finish(beast::error_code& error) { error = {}; }  // the session finishes the sink itself

   private:
    value_type& sink_;
  };
};

using RequestParser = http::request_parser<SinkBody>;

std::string to_std(beast::string_view text) {
  return std::string(text.data(), text.size());
}

std::string lowercase(beast::string_view text) {
  std::string result = to_std(text);
  for (char& c : result) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return result;
}

HttpRequestHead head_of(const http::request<SinkBody>& request) {
  HttpRequestHead head;
  head.method = to_std(request.method_string());
  split_target(std::string_view(request.target().data(), request.target().size()), head.path,
               head.query);
  for (const auto& field : request)
    head.headers.push_back({lowercase(field.name_string()), to_std(field.value())});
  return head;
}

bool is_disconnect(const beast::error_code& error) {
  return error == http::error::end_of_stream || error == asio::error::eof ||
         error == asio::error::connection_reset || error == asio::error::operation_aborted ||
         error == beast::error::timeout || error == asio::error::bad_descriptor;
}

HttpResponse answer_for_body_problem(const RequestBodySink& sink) {
  switch (sink.problem()) {
    case BodyProblem::too_large: return error_response(413, "payload_too_large", sink.detail());
    case BodyProblem::bad_encoding: return error_response(400, "bad_request", sink.detail());
    case BodyProblem::disk_error:
      return retryable_error_response(
          "spool_unavailable", "the upload could not be stored for processing; try again later");
    case BodyProblem::none: break;
  }
  return error_response(400, "bad_request", "the request body could not be read");
}

// What one request's log line and metrics need.
struct RequestRecord {
  Clock::time_point started = Clock::now();
  std::string method = "-";
  std::string path = "-";
  std::string route = "unmatched";
  std::string caller = "-";
};

class HttpSession : public std::enable_shared_from_this<HttpSession> {
 public:
  HttpSession(tcp::socket socket, RequestDispatcher& dispatcher,
              std::shared_ptr<ConnectionRegistry> registry, const std::atomic<bool>& stopping)
      : stream_(std::move(socket)),
        buffer_(static_cast<std::size_t>(dispatcher.config().http.max_header_bytes) + 65536),
        dispatcher_(dispatcher),
        settings_(dispatcher.config().http),
        registry_(std::move(registry)),
        stopping_(stopping) {}

  ~HttpSession() {
    if (registration_ != 0) registry_->unregister(registration_);
  }

  void start(uint64_t registration) {
    registration_ = registration;
    asio::dispatch(stream_.get_executor(),
                   [self = shared_from_this()] { self->read_next_request(); });
  }

  // Over max_connections: answer 503 and close.
  void refuse() {
    asio::dispatch(stream_.get_executor(), [self = shared_from_this()] {
      self->respond(retryable_error_response(
          "busy", "the server has too many open connections; try again later"));
    });
  }

  void request_close(CloseRequest request) {
    asio::post(stream_.get_executor(),
               [self = shared_from_this(), request] { self->on_close_request(request); });
  }

 private:
  std::chrono::milliseconds request_timeout() const {
    return std::chrono::milliseconds(settings_.request_timeout_ms);
  }

  void read_next_request() {
    if (stopping_) return close_connection();
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(settings_.max_header_bytes));
    parser_->body_limit(static_cast<std::uint64_t>(settings_.max_body_bytes));
    waiting_for_request_ = true;
    stream_.expires_after(request_timeout());
    http::async_read_header(stream_, buffer_, *parser_,
                            beast::bind_front_handler(&HttpSession::on_header, shared_from_this()));
  }

  void on_header(beast::error_code error, std::size_t) {
    waiting_for_request_ = false;
    if (error && is_disconnect(error)) return close_socket();
    record_ = RequestRecord{};
    if (parser_->get().method_string().size() > 0)
      record_.method = to_std(parser_->get().method_string());
    std::string query;
    if (parser_->get().target().size() > 0)
      split_target(to_std(parser_->get().target()), record_.path, query);
    if (error == http::error::header_limit) {
      return respond(error_response(431, "header_too_large",
                                    "the request header is over the limit of " +
                                        std::to_string(settings_.max_header_bytes) + " bytes"));
    }
    if (error == http::error::body_limit) {
      return respond(error_response(413, "payload_too_large",
                                    "the request body is over the limit of " +
                                        std::to_string(settings_.max_body_bytes) + " bytes"));
    }
    if (error)
      return respond(error_response(400, "bad_request",
                                    "the request is not valid HTTP/1.1: " + error.message()));
    in_flight_.emplace("cityclear_http_requests_in_flight", MetricLabels{});
    Admission admission = dispatcher_.admit(head_of(parser_->get()));
    if (!admission.request.route.pattern.empty())
      record_.route = std::string(admission.request.route.pattern);
    record_.caller = caller_label(admission.request.caller);
    if (admission.refusal) return respond(std::move(*admission.refusal));
    read_body(std::move(admission.request));
  }

  void read_body(AdmittedRequest request) {
    std::shared_ptr<SpoolFile> file;
    if (request.route.takes_body) {
      try {
        file = SpoolFile::create(dispatcher_.config().spool_dir, spool_file_prefix);
      } catch (const std::exception& failure) {
        log_event(spdlog::level::err, "spool_failed", {{"detail", failure.what()}});
        return respond(retryable_error_response(
            "spool_unavailable", "the upload could not be stored for processing; try again later"));
      }
    }
    bool gzip = request.head.header("content-encoding") == std::optional<std::string>("gzip");
    sink_ = std::make_shared<RequestBodySink>(std::move(file), gzip, settings_.max_body_bytes);
    parser_->get().body() = sink_;
    pending_ = std::move(request);
    if (parser_->is_done()) return on_body({}, 0);
    stream_.expires_after(request_timeout());
    if (lowercase(parser_->get()[http::field::expect]) == "100-continue") return send_continue();
    read_rest_of_body();
  }

  void send_continue() {
    static const std::string continue_line = "HTTP/1.1 100 Continue\r\n\r\n";
    asio::async_write(stream_, asio::buffer(continue_line),
                      [self = shared_from_this()](beast::error_code error, std::size_t) {
                        if (error) return self->close_socket();
                        self->read_rest_of_body();
                      });
  }

  void read_rest_of_body() {
    http::async_read(stream_, buffer_, *parser_,
                     beast::bind_front_handler(&HttpSession::on_body, shared_from_this()));
  }

  void on_body(beast::error_code error, std::size_t) {
    if (sink_->problem() != BodyProblem::none) return respond(answer_for_body_problem(*sink_));
    if (error == http::error::body_limit) {
      return respond(error_response(413, "payload_too_large",
                                    "the request body is over the limit of " +
                                        std::to_string(settings_.max_body_bytes) + " bytes"));
    }
    if (error && is_disconnect(error)) {
      log_request(0, 0, "client gone before the body was whole");
      return close_socket();
    }
    if (error)
      return respond(error_response(400, "bad_request",
                                    "the request body is not valid HTTP/1.1: " + error.message()));
    if (!sink_->finish()) return respond(answer_for_body_problem(*sink_));
    pending_->body = sink_->take_file();
    sink_.reset();
    stream_.expires_never();  // the dispatcher's work has its own bounds; the answer gets a fresh
                              // timeout
    auto self = shared_from_this();
    AdmittedRequest request = std::move(*pending_);
    pending_.reset();
    dispatcher_.dispatch(std::move(request), [self](HttpResponse response) {
      asio::post(self->stream_.get_executor(), [self, response = std::move(response)]() mutable {
        self->respond(std::move(response));
      });
    });
  }

  template <class Body>
  void fill_head(http::response<Body>& message, const HttpResponse& response,
                 bool keep_alive) const {
    message.version(parser_ && parser_->get().version() == 10 ? 10 : 11);
    message.result(static_cast<unsigned>(response.status));
    message.set(http::field::server, "cityclear");
    message.set(http::field::content_type, response.content_type);
    for (const auto& header : response.extra_headers) message.set(header.name, header.value);
    message.keep_alive(keep_alive);
  }

  void respond(HttpResponse response) {
    bool whole_request_read = parser_ && parser_->is_done() && !sink_;
    keep_alive_ =
        whole_request_read && !stopping_ && !close_requested_ && parser_->get().keep_alive();
    // A refused body's spool file goes now, not when the connection ends.
    sink_.reset();
    if (parser_) parser_->get().body().reset();
    pending_.reset();
    if (response.file) return respond_with_file(std::move(response));
    auto message = std::make_shared<http::response<http::string_body>>();
    fill_head(*message, response, keep_alive_);
    message->body() = std::move(response.body);
    message->prepare_payload();
    write_message(message, static_cast<unsigned>(response.status), message->body().size());
  }

  void respond_with_file(HttpResponse response) {
    auto message = std::make_shared<http::response<http::file_body>>();
    beast::error_code error;
    message->body().open(response.file->path().c_str(), beast::file_mode::scan, error);
    response.file.reset();  // the open descriptor keeps the bytes; the name goes now
    if (error) {
      log_event(spdlog::level::err, "file_open_failed", {{"detail", error.message()}});
      return respond(
          error_response(500, "internal_error", "the file could not be opened for sending"));
    }
    fill_head(*message, response, keep_alive_);
    message->prepare_payload();
    std::size_t size = static_cast<std::size_t>(message->body().size());
    write_message(message, static_cast<unsigned>(response.status), size);
  }

  template <class Message>
  void write_message(std::shared_ptr<Message> message, unsigned status, std::size_t body_bytes) {
    stream_.expires_after(request_timeout());
    http::async_write(
        stream_, *message,
        [self = shared_from_this(), message, status, body_bytes](
            beast::error_code error, std::size_t) { self->on_written(error, status, body_bytes); });
  }

  void on_written(beast::error_code error, unsigned status, std::size_t body_bytes) {
    log_request(status, body_bytes, error ? error.message() : std::string());
    in_flight_.reset();
    if (error) return close_socket();
    if (!keep_alive_) return close_connection();
    read_next_request();
  }

  void log_request(unsigned status, std::size_t body_bytes, const std::string& problem) {
    double seconds = std::chrono::duration<double>(Clock::now() - record_.started).count();
    std::string status_text = std::to_string(status);
    metrics().add("cityclear_http_requests_total",
                  {{"route", record_.route}, {"method", record_.method}, {"status", status_text}});
    metrics().observe_seconds("cityclear_http_request_duration_seconds", {{"route", record_.route}},
                              seconds);
    std::vector<LogField> fields{
        {"method", record_.method},        {"path", record_.path},
        {"status", int64_t{status}},       {"bytes", static_cast<int64_t>(body_bytes)},
        {"duration_ms", seconds * 1000.0}, {"caller", record_.caller}};
    if (!problem.empty()) fields.push_back({"problem", problem});
    log_event(status >= 500 || !problem.empty() ? spdlog::level::warn : spdlog::level::info,
              "request", fields);
  }

  void on_close_request(CloseRequest request) {
    close_requested_ = true;
    if (request == CloseRequest::now || (waiting_for_request_ && buffer_.size() == 0))
      close_socket();
  }

  // Half-close, then drain what the client still sends (bounded by linger_time) before closing.
  void close_connection() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    stream_.expires_after(std::min<std::chrono::milliseconds>(linger_time, request_timeout()));
    drain_until_closed();
  }

  void drain_until_closed() {
    stream_.async_read_some(asio::buffer(drain_buffer_),
                            [self = shared_from_this()](beast::error_code error, std::size_t) {
                              if (error) return self->close_socket();
                              self->drain_until_closed();
                            });
  }

  void close_socket() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
    stream_.close();
  }

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  RequestDispatcher& dispatcher_;
  const HttpSettings& settings_;
  std::shared_ptr<ConnectionRegistry> registry_;
  const std::atomic<bool>& stopping_;
  uint64_t registration_ = 0;
  std::optional<RequestParser> parser_;
  std::shared_ptr<RequestBodySink> sink_;
  std::optional<AdmittedRequest> pending_;
  std::optional<InFlight> in_flight_;
  RequestRecord record_;
  std::array<char, 16384> drain_buffer_{};
  bool waiting_for_request_ = false;
  bool keep_alive_ = false;
  bool close_requested_ = false;
};

class HttpListener : public Listener {
 public:
  HttpListener(asio::io_context& io, RequestDispatcher& dispatcher,
               const std::atomic<bool>& stopping)
      : io_(io),
        acceptor_(asio::make_strand(io)),
        dispatcher_(dispatcher),
        stopping_(stopping),
        registry_(std::make_shared<ConnectionRegistry>("cityclear_http_connections")) {
    describe_metrics();
    bind_acceptor(acceptor_, dispatcher.config().http.listen, "http.listen");
    port_ = acceptor_.local_endpoint().port();
    accept_next();
  }

  uint16_t port() const override { return port_; }
  ConnectionRegistry& connections() override { return *registry_; }

  void stop_accepting() override { close_acceptor_later(acceptor_); }

 private:
  static void describe_metrics() {
    metrics().describe("cityclear_http_requests_total", "counter",
                       "HTTP requests answered, by route, method and status.");
    metrics().describe("cityclear_http_request_duration_seconds", "summary",
                       "Time from request head to answer sent, by route.");
    metrics().describe("cityclear_http_requests_in_flight", "gauge",
                       "HTTP requests being read, worked on or answered.");
  }

  void accept_next() {
    accept_connections(io_, acceptor_, [this](tcp::socket socket) {
      auto session =
          std::make_shared<HttpSession>(std::move(socket), dispatcher_, registry_, stopping_);
      start_within_limit(session, *registry_, dispatcher_.config().http.max_connections);
    });
  }

  asio::io_context& io_;
  tcp::acceptor acceptor_;
  RequestDispatcher& dispatcher_;
  const std::atomic<bool>& stopping_;
  std::shared_ptr<ConnectionRegistry> registry_;
  uint16_t port_ = 0;
};

}  // namespace

std::unique_ptr<Listener> make_http_listener(asio::io_context& io, RequestDispatcher& dispatcher,
                                             const std::atomic<bool>& stopping) {
  return std::make_unique<HttpListener>(io, dispatcher, stopping);
}

}  // namespace cityclear::net
