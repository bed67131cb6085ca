#pragma once
// A file's bytes as one read-only std::string_view without reading it into the heap; pages
// already consumed can be handed back so memory stays flat whatever the file size.
#include <cstddef>
#include <filesystem>
#include <string_view>

namespace cityclear {

class MappedFile {
 public:
  // Throws std::runtime_error naming the file when it cannot be opened or mapped.
  explicit MappedFile(const std::filesystem::path& path);
  MappedFile(MappedFile&& other) noexcept;
  MappedFile& operator=(MappedFile&&) = delete;
  MappedFile(const MappedFile&) = delete;
  ~MappedFile();

  std::string_view bytes() const { return {data_, size_}; }
  // Drops the resident pages of [0, offset) (they are read again from the page cache if touched).
  void release_before(size_t offset) const;

 private:
  const char* data_ = nullptr;
  size_t size_ = 0;
};

}  // namespace cityclear
