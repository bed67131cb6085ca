#pragma once
// An allocator that overwrites memory (OPENSSL_cleanse) before returning it to the heap. Key
// material lives in containers using it, so that neither a container's reallocation nor its
// destruction leaves copies of keys in freed memory.
#include <openssl/crypto.h>

#include <cstddef>
#include <memory>
#include <string>

namespace cityclear::crypto {

template <class T>
struct WipingAllocator {
  using value_type = T;

  WipingAllocator() noexcept = default;
  template <class Other>
  WipingAllocator(const WipingAllocator<Other>&) noexcept {}

  T* allocate(size_t count) { return std::allocator<T>().allocate(count); }
  void deallocate(T* pointer, size_t count) noexcept {
    OPENSSL_cleanse(pointer, count * sizeof(T));
    std::allocator<T>().deallocate(pointer, count);
  }

  template <class Other>
  friend bool operator==(const WipingAllocator&, const WipingAllocator<Other>&) noexcept {
    return true;
  }
};

// A string whose heap buffer is wiped when released. Short strings live inside the object
// (small-string optimisation) and are not wiped, which is why it is meant for key material of
// 32 characters and more, or for whole files.
using WipingString = std::basic_string<char, std::char_traits<char>, WipingAllocator<char>>;

}  // namespace cityclear::crypto
