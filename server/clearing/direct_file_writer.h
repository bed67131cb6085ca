#pragma once
// Writes the day's files on a thread of its own, with O_DIRECT where the file system allows it:
// full chunks go from their buffers straight to the disk, without filling page-cache pages (on
// the target VM that costs about 1.8 s of CPU a GiB; the day's files are 2.4 GiB) and without
// holding up the thread that formats them. Where O_DIRECT is refused (tmpfs), writes are buffered.
// Each file ends with close(): its last chunk was padded with zeros to the alignment, so it is
// truncated to its size, then fdatasynced and closed; wait() returns when all of that is done.
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace cityclear::clearing {

class DirectFileWriter {
 public:
  DirectFileWriter();
  // Stops the thread (queued work is dropped) and closes every file still open.
  ~DirectFileWriter();
  DirectFileWriter(const DirectFileWriter&) = delete;
  DirectFileWriter& operator=(const DirectFileWriter&) = delete;

  // Creates (or truncates) the file; returns its number for write() and close().
  size_t open(const std::filesystem::path& path);
  // Queues `length` bytes at `offset`; with O_DIRECT the address, offset and length are multiples
  // of direct_io_alignment. Rethrows an earlier failure of the thread.
  void write(size_t file, int64_t offset, std::shared_ptr<const char> bytes, size_t length);
  // Queues the end of the file: truncate to `size_bytes`, fdatasync, close.
  void close(size_t file, int64_t size_bytes);
  // Waits until everything queued is done; rethrows the thread's first failure.
  void wait();

 private:
  struct Job {
    size_t file = 0;
    int64_t offset = 0;                 // the file's size for a closing job
    std::shared_ptr<const char> bytes;  // null for a closing job
    size_t length = 0;
  };
  struct OpenFile {
    int descriptor = -1;
    std::filesystem::path path;
  };
  void queue(Job job);
  void run();
  void perform(const Job& job);

  std::vector<OpenFile> files_;  // by number; guarded by mutex_ (open() appends)
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<Job> jobs_;
  bool busy_ = false;
  bool stopping_ = false;
  std::exception_ptr failure_;
  std::thread thread_;
};

}  // namespace cityclear::clearing
