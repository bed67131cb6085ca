#include "clearing/chunk_buffer_pool.h"

#include <cstdlib>
#include <new>

#include "clearing/written_file.h"
#include "common/check.h"

namespace cityclear::clearing {

void ChunkBufferPool::FreeBuffer::operator()(char* bytes) const {
  std::free(bytes);
}

ChunkBufferPool::ChunkBufferPool(size_t in_flight_limit) : state_(std::make_shared<State>()) {
  CITYCLEAR_CHECK(in_flight_limit > 0, "chunk buffers must be allowed away");
  state_->limit = in_flight_limit;
}

ChunkBufferPool::Buffer ChunkBufferPool::take() {
  {
    std::lock_guard lock(state_->mutex);
    if (!state_->spare.empty()) {
      Buffer buffer = std::move(state_->spare.back());
      state_->spare.pop_back();
      return buffer;
    }
  }
  void* bytes = std::aligned_alloc(direct_io_alignment, file_chunk_bytes);
  if (bytes == nullptr) throw std::bad_alloc();
  return Buffer(static_cast<char*>(bytes));
}

std::shared_ptr<const char> ChunkBufferPool::share(Buffer buffer) {
  std::shared_ptr<State> state = state_;
  {
    std::unique_lock lock(state->mutex);
    state->returned.wait(lock, [&] { return state->in_flight < state->limit; });
    ++state->in_flight;
  }
  return std::shared_ptr<const char>(buffer.release(), [state](const char* bytes) {
    {
      std::lock_guard lock(state->mutex);
      --state->in_flight;
      state->spare.push_back(Buffer(const_cast<char*>(bytes)));
    }
    state->returned.notify_all();
  });
}

}  // namespace cityclear::clearing
