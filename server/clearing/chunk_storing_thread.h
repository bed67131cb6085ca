#pragma once
// Hands file chunks to the storing COPY on a thread of its own: the files are written (merge,
// formatting, hashing) while PostgreSQL takes the chunks already made (compression, TOAST, WAL),
// instead of each waiting for the other. Chunks are queued by reference (FileChunk::owner): their
// buffers come from the day's ChunkBufferPool, whose limit bounds the queue. The thread is the
// only user of the storing connection until finish() returns.
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "clearing/settlement_store.h"
#include "clearing/written_file.h"

namespace cityclear::clearing {

class ChunkStoringThread {
 public:
  // `store` has begun its chunk COPY (begin_chunks) and must outlive this object.
  explicit ChunkStoringThread(SettlementStore& store);
  // Stops the thread without storing what is queued (a run that failed on the way).
  ~ChunkStoringThread();
  ChunkStoringThread(const ChunkStoringThread&) = delete;
  ChunkStoringThread& operator=(const ChunkStoringThread&) = delete;

  // Queues the chunk (keeping its owner). Rethrows the thread's failure.
  void add(const FileChunk& chunk);
  // Waits until every queued chunk is stored. Rethrows the thread's failure.
  void finish();

 private:
  struct QueuedChunk {
    std::string file_name;  // the chunk's name view would not outlive its file's writer
    FileChunk chunk;
  };
  void run();
  bool take(QueuedChunk& chunk);

  SettlementStore& store_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<QueuedChunk> queue_;  // oldest first
  bool input_ended_ = false;
  bool stopping_ = false;
  std::exception_ptr failure_;
  std::thread thread_;
};

}  // namespace cityclear::clearing
