#pragma once
// One blocking TCP connection with send and receive deadlines (SO_SNDTIMEO/SO_RCVTIMEO), so that
// a stalled server never hangs a client. Used by the HTTP and the framed TCP uploads alike.
#include <sys/uio.h>

#include <cstddef>
#include <string>

#include "loadtest/endpoint.h"

namespace cityclear::load {

// What one exchange with the server came to.
enum class Exchange {
  answered,   // a whole answer arrived
  dropped,    // the connection was refused, reset or closed before the whole answer (retryable)
  timed_out,  // no progress within the timeout (an error: the server stalled)
  malformed,  // the answer could not be parsed (an error)
};

class SocketStream {
 public:
  explicit SocketStream(int timeout_ms) : timeout_ms_(timeout_ms) {}
  ~SocketStream() { close(); }
  SocketStream(const SocketStream&) = delete;
  SocketStream& operator=(const SocketStream&) = delete;

  bool is_open() const { return fd_ >= 0; }
  Exchange open(const Endpoint& endpoint);
  void close();
  // Sends every byte of the parts (gathered, no copy).
  Exchange send_all(iovec* parts, size_t part_count);
  // Appends what the kernel has (at least one byte) to buffer.
  Exchange receive_some(std::string& buffer);
  // Appends exactly `bytes` more bytes to buffer.
  Exchange receive_exact(std::string& buffer, size_t bytes);

 private:
  Exchange failure_of_errno() const;
  int timeout_ms_;
  int fd_ = -1;
};

}  // namespace cityclear::load
