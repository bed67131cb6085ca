#include "loadtest/tcp_connection.h"

#include <sys/uio.h>

#include <cstdint>

namespace cityclear::load {
namespace {

constexpr size_t max_answer_bytes = 1 << 20;

}  // namespace

Exchange TcpConnection::send_frame(const std::string& body, Answer& answer) {
  if (!socket_.is_open()) {
    Exchange opened = socket_.open(endpoint_);
    if (opened != Exchange::answered) return opened;
  }
  auto size = static_cast<uint32_t>(body.size());
  unsigned char length[4] = {
      static_cast<unsigned char>(size >> 24), static_cast<unsigned char>(size >> 16),
      static_cast<unsigned char>(size >> 8), static_cast<unsigned char>(size)};
  iovec parts[2] = {{length, 4}, {const_cast<char*>(body.data()), body.size()}};
  Exchange outcome = socket_.send_all(parts, 2);
  if (outcome == Exchange::answered) outcome = read_frame(answer);
  if (outcome != Exchange::answered) socket_.close();
  return outcome;
}

Exchange TcpConnection::read_frame(Answer& answer) {
  buffer_.clear();
  Exchange got = socket_.receive_exact(buffer_, 4);
  if (got != Exchange::answered) return got;
  auto byte = [&](size_t i) {
    return static_cast<uint32_t>(static_cast<unsigned char>(buffer_[i]));
  };
  uint32_t answer_bytes = byte(0) << 24 | byte(1) << 16 | byte(2) << 8 | byte(3);
  if (answer_bytes == 0 || answer_bytes > max_answer_bytes) return Exchange::malformed;
  buffer_.clear();
  got = socket_.receive_exact(buffer_, answer_bytes);
  if (got != Exchange::answered) return got;
  answer.http_status = 0;
  answer.body.assign(buffer_);
  return Exchange::answered;
}

}  // namespace cityclear::load
