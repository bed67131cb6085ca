#pragma once
// The batch file MAC of shared/spec/crypto.md: streaming HMAC-SHA256 with an acquirer's file key.
#include <cstdint>
#include <memory>
#include <span>

#include "crypto/key_provider.h"

namespace cityclear::crypto {

// A FileMac keyed with `file_key` (OpenSSL keeps its own copy, wiped when the MAC is destroyed).
// update() any number of times, then finish() once.
std::unique_ptr<FileMac> begin_hmac_sha256(std::span<const uint8_t> file_key);

}  // namespace cityclear::crypto
