#include "clearing/chunk_storing_thread.h"

#include "common/check.h"

namespace cityclear::clearing {

ChunkStoringThread::ChunkStoringThread(SettlementStore& store, size_t queued_chunks)
    : store_(store), capacity_(queued_chunks) {
  CITYCLEAR_CHECK(capacity_ > 0, "the chunk queue must hold a chunk");
  thread_ = std::thread([this] { run(); });
}

ChunkStoringThread::~ChunkStoringThread() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  changed_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void ChunkStoringThread::add(const FileChunk& chunk) {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [this] { return queue_.size() < capacity_ || failure_ || thread_done_; });
  if (failure_) std::rethrow_exception(failure_);
  CITYCLEAR_CHECK(!thread_done_ && !input_ended_, "chunk added after the chunk thread ended");
  QueuedChunk queued{std::string(chunk.file_name), chunk.chunk_number, {}};
  if (!spare_buffers_.empty()) {
    queued.bytes = std::move(spare_buffers_.back());
    spare_buffers_.pop_back();
  }
  queued.bytes.assign(chunk.bytes.begin(), chunk.bytes.end());
  queue_.push_back(std::move(queued));
  lock.unlock();
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
  lock.unlock();
  changed_.notify_all();  // room in the queue
  return true;
}

void ChunkStoringThread::give_back(QueuedChunk& chunk) {
  {
    std::lock_guard lock(mutex_);
    spare_buffers_.push_back(std::move(chunk.bytes));
  }
  changed_.notify_all();
}

void ChunkStoringThread::run() {
  try {
    QueuedChunk chunk;
    while (take(chunk)) {
      store_.add_chunk(FileChunk{chunk.file_name, chunk.chunk_number,
                                 std::string_view(chunk.bytes.data(), chunk.bytes.size())});
      give_back(chunk);
    }
  } catch (...) {
    std::lock_guard lock(mutex_);
    failure_ = std::current_exception();
  }
  {
    std::lock_guard lock(mutex_);
    thread_done_ = true;
  }
  changed_.notify_all();
}

}  // namespace cityclear::clearing
