#pragma once
// Sends COPY data on a thread of its own, so that the thread encoding the rows keeps deciding
// while the server takes them in. At most `max_queued_bytes` wait in between: memory stays
// bounded whatever the COPY's size. The encoding thread must not touch the connection until
// drain() has answered (libpq allows one thread at a time on a connection).
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <thread>
#include <vector>

#include <libpq-fe.h>

namespace cityclear::store {

class CopySender {
 public:
  CopySender(PGconn* connection, size_t max_queued_bytes);
  CopySender(const CopySender&) = delete;
  CopySender& operator=(const CopySender&) = delete;
  // Stops sending (what is still queued is dropped) and joins the thread.
  ~CopySender();

  // Queues `buffer`'s bytes, waiting while the queue is full; `buffer` comes back empty (with a
  // recycled allocation). False once sending failed: the server ended the COPY (with an error).
  bool send(std::vector<char>& buffer);
  // Waits until everything queued went out; false if sending failed.
  bool drain();

 private:
  void run();

  PGconn* connection_;
  size_t max_queued_bytes_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<std::vector<char>> queue_;
  std::vector<std::vector<char>> spare_;
  size_t queued_bytes_ = 0;
  bool sending_ = false;  // a buffer is out of the queue, on its way
  bool failed_ = false;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace cityclear::store
