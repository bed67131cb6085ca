#include "loadtest/socket_stream.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>

namespace cityclear::load {
namespace {

constexpr size_t receive_chunk_bytes = 16384;

void set_timeouts(int fd, int timeout_ms) {
  timeval limit{timeout_ms / 1000, (timeout_ms % 1000) * 1000};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof limit);
  setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &limit, sizeof limit);
  int on = 1;
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
}

}  // namespace

Exchange SocketStream::failure_of_errno() const {
  return errno == EAGAIN || errno == EWOULDBLOCK || errno == EINPROGRESS ? Exchange::timed_out
                                                                         : Exchange::dropped;
}

Exchange SocketStream::open(const Endpoint& endpoint) {
  close();
  fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd_ < 0) return Exchange::dropped;
  set_timeouts(fd_, timeout_ms_);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(endpoint.port);
  inet_pton(AF_INET, endpoint.host.c_str(), &address.sin_addr);
  if (::connect(fd_, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
    Exchange failure = failure_of_errno();
    close();
    return failure;
  }
  return Exchange::answered;
}

void SocketStream::close() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
}

Exchange SocketStream::send_all(iovec* parts, size_t part_count) {
  while (part_count > 0) {
    msghdr message{};
    message.msg_iov = parts;
    message.msg_iovlen = part_count;
    ssize_t sent = ::sendmsg(fd_, &message, MSG_NOSIGNAL);
    if (sent < 0) {
      if (errno == EINTR) continue;
      return failure_of_errno();
    }
    auto left = static_cast<size_t>(sent);
    while (part_count > 0 && left >= parts->iov_len) {
      left -= parts->iov_len;
      ++parts;
      --part_count;
    }
    if (part_count > 0) {
      parts->iov_base = static_cast<char*>(parts->iov_base) + left;
      parts->iov_len -= left;
    }
  }
  return Exchange::answered;
}

Exchange SocketStream::receive_some(std::string& buffer) {
  size_t old_size = buffer.size();
  buffer.resize(old_size + receive_chunk_bytes);
  for (;;) {
    ssize_t got = ::recv(fd_, buffer.data() + old_size, receive_chunk_bytes, 0);
    if (got > 0) {
      buffer.resize(old_size + static_cast<size_t>(got));
      return Exchange::answered;
    }
    if (got < 0 && errno == EINTR) continue;
    buffer.resize(old_size);
    return got == 0 ? Exchange::dropped : failure_of_errno();
  }
}

Exchange SocketStream::receive_exact(std::string& buffer, size_t bytes) {
  size_t wanted = buffer.size() + bytes;
  while (buffer.size() < wanted) {
    size_t old_size = buffer.size();
    buffer.resize(wanted);
    ssize_t got = ::recv(fd_, buffer.data() + old_size, wanted - old_size, 0);
    if (got > 0) {
      buffer.resize(old_size + static_cast<size_t>(got));
      continue;
    }
    buffer.resize(old_size);
    if (got < 0 && errno == EINTR) continue;
    return got == 0 ? Exchange::dropped : failure_of_errno();
  }
  return Exchange::answered;
}

}  // namespace cityclear::load
