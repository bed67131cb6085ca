#pragma once
// One kept-alive HTTP/1.1 connection that POSTs prepared requests (head and body built before the
// timed phase) and reads each answer: status code and body (Content-Length framing; the server
// answers with it). Reconnects when the server closed the connection.
#include <string>

#include "loadtest/endpoint.h"
#include "loadtest/socket_stream.h"

namespace cityclear::load {

struct Answer {
  int http_status = 0;  // 0 for a TCP frame
  std::string body;
};

class HttpConnection {
 public:
  HttpConnection(Endpoint endpoint, int timeout_ms)
      : endpoint_(std::move(endpoint)), socket_(timeout_ms) {}
  Exchange post(const std::string& head, const std::string& body, Answer& answer);

 private:
  Exchange read_answer(Answer& answer);
  Exchange read_head(size_t& head_bytes);
  Endpoint endpoint_;
  SocketStream socket_;
  std::string buffer_;
};

// "POST /v1/batches HTTP/1.1" with Host, Authorization, Content-Length (and Content-Encoding).
std::string batch_request_head(const Endpoint& endpoint, const std::string& token,
                               size_t body_bytes, bool gzip);

}  // namespace cityclear::load
