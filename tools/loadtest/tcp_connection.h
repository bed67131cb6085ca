#pragma once
// One kept-open connection to the framed TCP upload listener: a 4-byte big-endian length and the
// file; the answer is framed the same way (the JSON batch outcome, or an error object).
#include <string>

#include "loadtest/endpoint.h"
#include "loadtest/http_connection.h"
#include "loadtest/socket_stream.h"

namespace cityclear::load {

class TcpConnection {
 public:
  TcpConnection(Endpoint endpoint, int timeout_ms)
      : endpoint_(std::move(endpoint)), socket_(timeout_ms) {}
  Exchange send_frame(const std::string& body, Answer& answer);

 private:
  Exchange read_frame(Answer& answer);
  Endpoint endpoint_;
  SocketStream socket_;
  std::string buffer_;
};

}  // namespace cityclear::load
