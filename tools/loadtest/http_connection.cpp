#include "loadtest/http_connection.h"

#include <sys/uio.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <string_view>

namespace cityclear::load {
namespace {

constexpr size_t max_head_bytes = 65536;

bool equal_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

// The value of a header in the head (status line and headers), empty when absent.
std::string_view header_value(std::string_view head, std::string_view name) {
  size_t line_start = head.find("\r\n");
  while (line_start != std::string_view::npos && line_start + 2 < head.size()) {
    line_start += 2;
    size_t line_end = head.find("\r\n", line_start);
    std::string_view line =
        head.substr(line_start, line_end == std::string_view::npos ? head.size() - line_start
                                                                   : line_end - line_start);
    size_t colon = line.find(':');
    if (colon != std::string_view::npos && equal_ignoring_case(line.substr(0, colon), name)) {
      std::string_view value = line.substr(colon + 1);
      while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
      return value;
    }
    line_start = line_end;
  }
  return {};
}

}  // namespace

std::string batch_request_head(const Endpoint& endpoint, const std::string& token,
                               size_t body_bytes, bool gzip) {
  std::string head =
      "POST /v1/batches HTTP/1.1\r\nHost: " + endpoint.text() + "\r\nAuthorization: Bearer " +
      token + "\r\nContent-Type: text/plain\r\nContent-Length: " + std::to_string(body_bytes) +
      "\r\n";
  if (gzip) head += "Content-Encoding: gzip\r\n";
  return head + "\r\n";
}

Exchange HttpConnection::post(const std::string& head, const std::string& body, Answer& answer) {
  if (!socket_.is_open()) {
    Exchange opened = socket_.open(endpoint_);
    if (opened != Exchange::answered) return opened;
  }
  iovec parts[2] = {{const_cast<char*>(head.data()), head.size()},
                    {const_cast<char*>(body.data()), body.size()}};
  Exchange sent = socket_.send_all(parts, 2);
  Exchange outcome = sent == Exchange::answered ? read_answer(answer) : sent;
  if (outcome != Exchange::answered) socket_.close();
  return outcome;
}

Exchange HttpConnection::read_head(size_t& head_bytes) {
  size_t searched = 0;
  for (;;) {
    size_t end = buffer_.find("\r\n\r\n", searched);
    if (end != std::string::npos) {
      head_bytes = end + 4;
      return Exchange::answered;
    }
    if (buffer_.size() > max_head_bytes) return Exchange::malformed;
    searched = buffer_.size() >= 3 ? buffer_.size() - 3 : 0;
    Exchange got = socket_.receive_some(buffer_);
    if (got != Exchange::answered) return got;
  }
}

Exchange HttpConnection::read_answer(Answer& answer) {
  buffer_.clear();
  size_t head_bytes = 0;
  Exchange got = read_head(head_bytes);
  if (got != Exchange::answered) return got;
  std::string_view head(buffer_.data(), head_bytes);
  if (head.size() < 12 || head.substr(0, 5) != "HTTP/") return Exchange::malformed;
  answer.http_status = std::atoi(buffer_.c_str() + 9);
  std::string_view length_text = header_value(head, "Content-Length");
  if (length_text.empty()) return Exchange::malformed;
  size_t body_bytes = std::strtoull(std::string(length_text).c_str(), nullptr, 10);
  bool close_after = equal_ignoring_case(header_value(head, "Connection"), "close");
  size_t have = buffer_.size() - head_bytes;
  if (have < body_bytes) {
    got = socket_.receive_exact(buffer_, body_bytes - have);
    if (got != Exchange::answered) return got;
  }
  answer.body.assign(buffer_, head_bytes, body_bytes);
  if (close_after) socket_.close();
  return Exchange::answered;
}

}  // namespace cityclear::load
