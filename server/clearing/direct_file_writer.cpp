#include "clearing/direct_file_writer.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <stdexcept>
#include <unistd.h>

namespace cityclear::clearing {
namespace {

std::runtime_error file_error(std::string_view what, const std::filesystem::path& path) {
  return std::runtime_error(std::string(what) + " " + path.string() + ": " + std::strerror(errno));
}

// Writes all of `bytes` at `offset`. A file system that took O_DIRECT at open but refuses a
// direct write (EINVAL) gets the rest of the file buffered.
void write_at(int descriptor, const std::filesystem::path& path, const char* bytes, size_t length,
              int64_t offset) {
  for (size_t done = 0; done < length;) {
    ssize_t written = ::pwrite(descriptor, bytes + done, length - done,
                               static_cast<off_t>(offset + static_cast<int64_t>(done)));
    int error = written < 0 ? errno : 0;
    if (error == EINTR) continue;
    int flags = error == EINVAL ? ::fcntl(descriptor, F_GETFL) : 0;
    if (error == EINVAL && flags >= 0 && (flags & O_DIRECT) != 0) {
      if (::fcntl(descriptor, F_SETFL, flags & ~O_DIRECT) == 0) continue;
    }
    errno = error;
    if (written < 0) throw file_error("cannot write", path);
    done += static_cast<size_t>(written);
  }
}

int open_for_writing(const std::filesystem::path& path) {
  constexpr int flags = O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC;
  int descriptor = ::open(path.c_str(), flags | O_DIRECT, 0644);
  if (descriptor < 0 && errno == EINVAL)
    descriptor = ::open(path.c_str(), flags, 0644);  // no O_DIRECT here
  if (descriptor < 0) throw file_error("cannot create", path);
  return descriptor;
}

}  // namespace

DirectFileWriter::DirectFileWriter() {
  thread_ = std::thread([this] { run(); });
}

DirectFileWriter::~DirectFileWriter() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    jobs_.clear();
  }
  changed_.notify_all();
  if (thread_.joinable()) thread_.join();
  for (const OpenFile& file : files_) {
    if (file.descriptor >= 0) ::close(file.descriptor);
  }
}

size_t DirectFileWriter::open(const std::filesystem::path& path) {
  int descriptor = open_for_writing(path);
  std::lock_guard lock(mutex_);
  files_.push_back(OpenFile{descriptor, path});
  return files_.size() - 1;
}

void DirectFileWriter::write(size_t file, int64_t offset, std::shared_ptr<const char> bytes,
                             size_t length) {
  queue(Job{file, offset, std::move(bytes), length});
}

void DirectFileWriter::close(size_t file, int64_t size_bytes) {
  queue(Job{file, size_bytes, nullptr, 0});
}

void DirectFileWriter::queue(Job job) {
  {
    std::lock_guard lock(mutex_);
    if (failure_) std::rethrow_exception(failure_);
    jobs_.push_back(std::move(job));
  }
  changed_.notify_all();
}

void DirectFileWriter::wait() {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [this] { return (jobs_.empty() && !busy_) || failure_; });
  if (failure_) std::rethrow_exception(failure_);
}

void DirectFileWriter::run() {
  std::unique_lock lock(mutex_);
  while (true) {
    changed_.wait(lock, [this] { return !jobs_.empty() || stopping_; });
    if (stopping_) return;
    Job job = std::move(jobs_.front());
    jobs_.pop_front();
    busy_ = true;
    lock.unlock();
    std::exception_ptr failure;
    try {
      perform(job);
    } catch (...) {
      failure = std::current_exception();
    }
    job.bytes.reset();  // the buffer goes back to its pool before the lock is taken
    lock.lock();
    busy_ = false;
    if (failure && !failure_) failure_ = failure;
    if (failure_) jobs_.clear();  // nothing more is written; queued buffers go back to their pool
    changed_.notify_all();
  }
}

void DirectFileWriter::perform(const Job& job) {
  OpenFile file;
  {
    std::lock_guard lock(mutex_);
    file = files_[job.file];
  }
  if (job.bytes) {
    write_at(file.descriptor, file.path, job.bytes.get(), job.length, job.offset);
    return;
  }
  if (::ftruncate(file.descriptor, static_cast<off_t>(job.offset)) != 0)
    throw file_error("cannot truncate", file.path);
  if (::fdatasync(file.descriptor) != 0) throw file_error("cannot fsync", file.path);
  int result = ::close(file.descriptor);
  {
    std::lock_guard lock(mutex_);
    files_[job.file].descriptor = -1;
  }
  if (result != 0) throw file_error("cannot close", file.path);
}

}  // namespace cityclear::clearing
