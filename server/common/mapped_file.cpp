#include "common/mapped_file.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <stdexcept>
#include <sys/mman.h>
#include <unistd.h>

namespace cityclear {

MappedFile::MappedFile(const std::filesystem::path& path) {
  int descriptor = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (descriptor < 0)
    throw std::runtime_error("cannot open " + path.string() + ": " + std::strerror(errno));
  off_t length = ::lseek(descriptor, 0, SEEK_END);
  if (length < 0) {
    ::close(descriptor);
    throw std::runtime_error("cannot read " + path.string() + ": " + std::strerror(errno));
  }
  size_ = static_cast<size_t>(length);
  if (size_ > 0) {
    void* mapping = ::mmap(nullptr, size_, PROT_READ, MAP_PRIVATE, descriptor, 0);
    if (mapping == MAP_FAILED) {
      ::close(descriptor);
      throw std::runtime_error("cannot map " + path.string() + ": " + std::strerror(errno));
    }
    ::madvise(mapping, size_, MADV_SEQUENTIAL);
    data_ = static_cast<const char*>(mapping);
  }
  ::close(descriptor);
}

MappedFile::MappedFile(MappedFile&& other) noexcept : data_(other.data_), size_(other.size_) {
  other.data_ = nullptr;
  other.size_ = 0;
}

MappedFile::~MappedFile() {
  if (data_ != nullptr) ::munmap(const_cast<char*>(data_), size_);
}

void MappedFile::release_before(size_t offset) const {
  if (data_ == nullptr) return;
  size_t page = static_cast<size_t>(::sysconf(_SC_PAGESIZE));
  size_t length = (std::min(offset, size_) / page) * page;
  if (length > 0) ::madvise(const_cast<char*>(data_), length, MADV_DONTNEED);
}

}  // namespace cityclear
