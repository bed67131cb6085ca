#pragma once
// SHA-256 that can tell the digest of the bytes so far and keep going: a clearing file's trailer
// carries the digest of every byte before it, and the stored hash covers the whole file.
#include <memory>
#include <span>
#include <string_view>

#include "common/sha256.h"

namespace cityclear::clearing {

class ContinuingSha256 {
 public:
  ContinuingSha256();
  ~ContinuingSha256();
  ContinuingSha256(const ContinuingSha256&) = delete;
  ContinuingSha256& operator=(const ContinuingSha256&) = delete;

  void update(std::string_view bytes);
  // The digest of everything given so far; more bytes may follow.
  Sha256Digest digest_so_far() const;
  // The digest of everything given; the object is spent afterwards.
  Sha256Digest finish();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace cityclear::clearing
