#include "test_socket.h"

#include <arpa/inet.h>
#include <cerrno>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <catch2/catch.hpp>

namespace cityclear::testing {

TestSocket::TestSocket(uint16_t port) {
  descriptor_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  REQUIRE(descriptor_ >= 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(::connect(descriptor_, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
}

TestSocket::~TestSocket() {
  if (descriptor_ >= 0) ::close(descriptor_);
}

bool TestSocket::send(std::string_view bytes) {
  while (!bytes.empty()) {
    ssize_t sent = ::send(descriptor_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (sent < 0 && errno == EINTR) continue;
    if (sent <= 0) return false;
    bytes.remove_prefix(static_cast<size_t>(sent));
  }
  return true;
}

bool TestSocket::fill(int timeout_ms) {
  pollfd poll_entry{descriptor_, POLLIN, 0};
  if (::poll(&poll_entry, 1, timeout_ms) <= 0) return false;
  char chunk[65536];
  ssize_t received = ::recv(descriptor_, chunk, sizeof chunk, 0);
  if (received <= 0) return false;
  buffer_.append(chunk, static_cast<size_t>(received));
  return true;
}

std::optional<std::string> TestSocket::receive_exactly(size_t count, int timeout_ms) {
  while (buffer_.size() < count) {
    if (!fill(timeout_ms)) return std::nullopt;
  }
  std::string bytes = buffer_.substr(0, count);
  buffer_.erase(0, count);
  return bytes;
}

namespace {

HttpReply parse_head(const std::string& head) {
  HttpReply reply;
  size_t line_end = head.find("\r\n");
  std::string status_line = head.substr(0, line_end);
  reply.status = std::stoi(status_line.substr(status_line.find(' ') + 1, 3));
  size_t position = line_end + 2;
  while (position < head.size()) {
    size_t end = head.find("\r\n", position);
    if (end == std::string::npos) end = head.size();
    std::string line = head.substr(position, end - position);
    size_t colon = line.find(':');
    if (colon != std::string::npos) {
      std::string name = line.substr(0, colon);
      for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      size_t value_start = line.find_first_not_of(' ', colon + 1);
      reply.headers[name] = value_start == std::string::npos ? "" : line.substr(value_start);
    }
    position = end + 2;
  }
  return reply;
}

}  // namespace

std::optional<HttpReply> TestSocket::receive_http(int timeout_ms) {
  size_t head_end;
  while ((head_end = buffer_.find("\r\n\r\n")) == std::string::npos) {
    if (!fill(timeout_ms)) return std::nullopt;
  }
  HttpReply reply = parse_head(buffer_.substr(0, head_end));
  buffer_.erase(0, head_end + 4);
  size_t length =
      reply.headers.contains("content-length") ? std::stoul(reply.headers["content-length"]) : 0;
  auto body = receive_exactly(length, timeout_ms);
  if (!body) return std::nullopt;
  reply.body = *body;
  return reply;
}

bool TestSocket::closed_by_peer(int timeout_ms) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  while (std::chrono::steady_clock::now() < deadline) {
    pollfd poll_entry{descriptor_, POLLIN, 0};
    int remaining = static_cast<int>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                         deadline - std::chrono::steady_clock::now())
                                         .count());
    if (::poll(&poll_entry, 1, std::max(remaining, 1)) <= 0) return false;
    char chunk[65536];
    ssize_t received = ::recv(descriptor_, chunk, sizeof chunk, 0);
    if (received <= 0) return true;
  }
  return false;
}

void TestSocket::shutdown_sending() {
  ::shutdown(descriptor_, SHUT_WR);
}

HttpReply http_request(uint16_t port, const std::string& method, const std::string& target,
                       const std::string& token, const std::string& body,
                       const std::string& extra_headers) {
  TestSocket socket(port);
  std::string request =
      method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n";
  if (!token.empty()) request += "Authorization: Bearer " + token + "\r\n";
  if (!body.empty() || method == "POST")
    request += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  request += extra_headers + "\r\n" + body;
  REQUIRE(socket.send(request));
  auto reply = socket.receive_http(10000);
  REQUIRE(reply.has_value());
  return *reply;
}

}  // namespace cityclear::testing
