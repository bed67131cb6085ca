// constant_time_equal (declared in key_provider.h): MACs are compared without an early exit, so
// the time taken does not tell an attacker how many leading bytes of a forged MAC were right.
#include <openssl/crypto.h>

#include "crypto/key_provider.h"

namespace cityclear::crypto {

bool constant_time_equal(std::span<const uint8_t> left, std::span<const uint8_t> right) {
  if (left.size() != right.size()) return false;  // lengths are public (a MAC's is fixed)
  if (left.empty()) return true;
  return CRYPTO_memcmp(left.data(), right.data(), left.size()) == 0;
}

}  // namespace cityclear::crypto
