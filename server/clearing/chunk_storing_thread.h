#pragma once
// Hands file chunks to the storing COPY on a thread of its own, through a short queue: the files
// are written (merge, formatting, hashing, disk) while PostgreSQL takes the chunks already made
// (compression, TOAST, WAL), instead of each waiting for the other. The thread is the only user
// of the storing connection until finish() returns.
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "clearing/settlement_store.h"
#include "clearing/written_file.h"

namespace cityclear::clearing {

class ChunkStoringThread {
 public:
  // `store` has begun its chunk COPY (begin_chunks) and must outlive this object.
  ChunkStoringThread(SettlementStore& store, size_t queued_chunks);
  // Stops the thread without storing what is queued (a run that failed on the way).
  ~ChunkStoringThread();
  ChunkStoringThread(const ChunkStoringThread&) = delete;
  ChunkStoringThread& operator=(const ChunkStoringThread&) = delete;

  // Queues a copy of the chunk; waits while the queue is full. Rethrows the thread's failure.
  void add(const FileChunk& chunk);
  // Waits until every queued chunk is stored. Rethrows the thread's failure.
  void finish();

 private:
  struct QueuedChunk {
    std::string file_name;
    int32_t chunk_number = 0;
    std::vector<char> bytes;
  };
  void run();
  bool take(QueuedChunk& chunk);
  void give_back(QueuedChunk& chunk);

  SettlementStore& store_;
  size_t capacity_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<QueuedChunk> queue_;  // oldest first
  std::vector<std::vector<char>> spare_buffers_;
  bool input_ended_ = false;
  bool stopping_ = false;
  bool thread_done_ = false;
  std::exception_ptr failure_;
  std::thread thread_;
};

}  // namespace cityclear::clearing
