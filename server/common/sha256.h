#pragma once
// SHA-256 of bytes, in one go or streamed; a stream can tell the digest of its bytes so far and go
// on (a clearing file's trailer carries the digest of every byte before it).
#include <array>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>

namespace cityclear {

using Sha256Digest = std::array<uint8_t, 32>;

class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;
  void update(std::span<const uint8_t> bytes);
  void update(std::string_view text);
  // The digest of everything given so far; more bytes may follow.
  Sha256Digest digest_so_far() const;
  // The digest of everything given; the object is spent afterwards.
  Sha256Digest finish();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

Sha256Digest sha256(std::string_view bytes);
std::string sha256_hex(std::string_view bytes);

}  // namespace cityclear
