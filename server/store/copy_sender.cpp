#include "store/copy_sender.h"

#include "common/check.h"

namespace cityclear::store {

CopySender::CopySender(PGconn* connection, size_t max_queued_bytes)
    : connection_(connection), max_queued_bytes_(max_queued_bytes) {
  CITYCLEAR_CHECK(max_queued_bytes_ > 0, "a COPY send queue has room");
  thread_ = std::thread([this] { run(); });
}

CopySender::~CopySender() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  changed_.notify_all();
  thread_.join();
}

bool CopySender::send(std::vector<char>& buffer) {
  std::unique_lock lock(mutex_);
  // One buffer always fits, however large: a queue of one never deadlocks.
  changed_.wait(lock, [&] {
    return failed_ || queue_.empty() || queued_bytes_ + buffer.size() <= max_queued_bytes_;
  });
  if (failed_) return false;
  queued_bytes_ += buffer.size();
  queue_.push_back(std::move(buffer));
  buffer = std::vector<char>();
  if (!spare_.empty()) {
    buffer = std::move(spare_.back());
    spare_.pop_back();
  }
  lock.unlock();
  changed_.notify_all();
  return true;
}

bool CopySender::drain() {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [&] { return failed_ || (queue_.empty() && !sending_); });
  return !failed_;
}

void CopySender::run() {
  std::unique_lock lock(mutex_);
  for (;;) {
    changed_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
    if (stopping_) return;
    std::vector<char> buffer = std::move(queue_.front());
    queue_.pop_front();
    sending_ = true;
    lock.unlock();
    bool sent = PQputCopyData(connection_, buffer.data(), static_cast<int>(buffer.size())) == 1;
    lock.lock();
    sending_ = false;
    queued_bytes_ -= buffer.size();
    buffer.clear();
    if (spare_.size() < 4) spare_.push_back(std::move(buffer));
    if (!sent) {
      failed_ = true;
      for (const auto& dropped : queue_) queued_bytes_ -= dropped.size();
      queue_.clear();
    }
    changed_.notify_all();
  }
}

}  // namespace cityclear::store
