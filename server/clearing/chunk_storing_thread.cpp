#include "clearing/chunk_storing_thread.h"

#include "common/check.h"

namespace cityclear::clearing {

ChunkStoringThread::ChunkStoringThread(SettlementStore& store) : store_(store) {
  thread_ = std::thread([this] { run(); });
}

ChunkStoringThread::~ChunkStoringThread() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    queue_.clear();
  }
  changed_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void ChunkStoringThread::add(const FileChunk& chunk) {
  CITYCLEAR_CHECK(chunk.owner != nullptr, "a queued chunk needs the owner of its bytes");
  {
    std::lock_guard lock(mutex_);
    if (failure_) std::rethrow_exception(failure_);
    CITYCLEAR_CHECK(!input_ended_, "chunk added after the chunk input ended");
    queue_.push_back(QueuedChunk{std::string(chunk.file_name), chunk});
  }
  changed_.notify_all();
}

void ChunkStoringThread::finish() {
  {
    std::lock_guard lock(mutex_);
    input_ended_ = true;
  }
  changed_.notify_all();
  if (thread_.joinable()) thread_.join();
  if (failure_) std::rethrow_exception(failure_);
}

// Waits for the next chunk; false when the input ended and the queue is empty, or on a stop.
bool ChunkStoringThread::take(QueuedChunk& chunk) {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [this] { return !queue_.empty() || input_ended_ || stopping_; });
  if (stopping_ || queue_.empty()) return false;
  chunk = std::move(queue_.front());
  queue_.pop_front();
  return true;
}

void ChunkStoringThread::run() {
  try {
    QueuedChunk queued;
    while (take(queued)) {
      queued.chunk.file_name = queued.file_name;
      store_.add_chunk(queued.chunk);
      queued = QueuedChunk{};  // the buffer goes back to its pool
    }
  } catch (...) {
    std::lock_guard lock(mutex_);
    failure_ = std::current_exception();
    queue_.clear();  // the queued buffers go back to their pool: the writers must not wait for them
  }
}

}  // namespace cityclear::clearing
