#pragma once
// A blocking client socket for tests, able to send anything (also broken requests and frames)
// and to tell whether the server closed the connection.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace cityclear::testing {

struct HttpReply {
  int status = 0;
  std::map<std::string, std::string> headers;  // lowercase names
  std::string body;
};

class TestSocket {
 public:
  explicit TestSocket(uint16_t port);  // connects to 127.0.0.1:port (REQUIRE)
  ~TestSocket();
  TestSocket(const TestSocket&) = delete;
  TestSocket& operator=(const TestSocket&) = delete;

  // False when the peer is gone (EPIPE, reset).
  bool send(std::string_view bytes);
  // Exactly `count` bytes, or nullopt on close or timeout.
  std::optional<std::string> receive_exactly(size_t count, int timeout_ms);
  // One HTTP/1.1 answer (Content-Length framed); nullopt on close or timeout.
  std::optional<HttpReply> receive_http(int timeout_ms);
  // True when the server closes the connection (EOF or reset) within the time; pending bytes are
  // dropped.
  bool closed_by_peer(int timeout_ms);
  void shutdown_sending();

 private:
  // Appends what arrives to buffer_; false on close or timeout.
  bool fill(int timeout_ms);
  int descriptor_ = -1;
  std::string buffer_;
};

// One request on a fresh connection.
HttpReply http_request(uint16_t port, const std::string& method, const std::string& target,
                       const std::string& token = "", const std::string& body = "",
                       const std::string& extra_headers = "");

}  // namespace cityclear::testing
