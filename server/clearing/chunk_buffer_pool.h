#pragma once
// The 1 MiB buffers the day's files are written through: aligned for O_DIRECT, recycled instead
// of freed (on the target VM, touching fresh memory costs about 1.8 s a GiB), and shared by the
// two consumers of every full chunk, the disk writer and the storing COPY. At most
// `in_flight_limit` buffers are away with the consumers at once: a slow consumer then holds up
// the file writers instead of letting chunks pile up, so memory stays flat.
#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <vector>

namespace cityclear::clearing {

inline constexpr size_t direct_io_alignment = 4096;

class ChunkBufferPool {
 public:
  struct FreeBuffer {
    void operator()(char* bytes) const;
  };
  using Buffer =
      std::unique_ptr<char, FreeBuffer>;  // file_chunk_bytes, aligned to direct_io_alignment

  explicit ChunkBufferPool(size_t in_flight_limit);

  // A recycled buffer, or a new one.
  Buffer take();
  // Hands a filled buffer to its consumers: waits while in_flight_limit buffers are away. The
  // buffer comes back to the pool when the last holder lets go of it (which may be after the
  // pool itself is gone).
  std::shared_ptr<const char> share(Buffer buffer);

 private:
  struct State {
    std::mutex mutex;
    std::condition_variable returned;
    std::vector<Buffer> spare;
    size_t in_flight = 0;
    size_t limit = 0;
  };
  std::shared_ptr<State> state_;
};

}  // namespace cityclear::clearing
