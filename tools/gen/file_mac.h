#pragma once
// HMAC-SHA256 of a TB1 file's bytes before its trailer line, streamed (OpenSSL EVP_MAC).
#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace cityclear::gen {

using FileKey = std::array<uint8_t, 32>;

class FileMac {
 public:
  explicit FileMac(const FileKey& key);
  ~FileMac();
  FileMac(const FileMac&) = delete;
  FileMac& operator=(const FileMac&) = delete;
  void update(std::string_view bytes);
  // 64 uppercase hex characters; the object is spent afterwards.
  std::string finish_hex();

 private:
  void* context_ = nullptr;  // EVP_MAC_CTX
};

std::string file_mac_hex(const FileKey& key, std::string_view bytes_before_trailer);

}  // namespace cityclear::gen
