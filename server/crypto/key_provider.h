#pragma once
// The one narrow interface through which cityclear uses key material (shared/spec/crypto.md):
// derive a card key, compute or verify TACs, compute a batch file MAC. The file-backed provider
// (file_key_provider.h) implements it from the keys file; an HSM-backed provider can replace it
// without touching any caller. No method ever returns master keys or file keys.
#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string_view>

#include "crypto/tac_request.h"

namespace cityclear::crypto {

using CardKey = std::array<uint8_t, 16>;  // the diversified TAC key DTK
using FileMacValue = std::array<uint8_t, 32>;

// Streaming HMAC-SHA256 with one acquirer's file key.
class FileMac {
 public:
  virtual ~FileMac() = default;
  virtual void update(std::span<const uint8_t> bytes) = 0;
  virtual FileMacValue finish() = 0;
};

class KeyProvider {
 public:
  virtual ~KeyProvider() = default;

  virtual bool knows_issuer(uint32_t issuer_code) const = 0;
  virtual bool knows_key(const KeyId& key) const = 0;
  virtual bool knows_acquirer(uint32_t acquirer_code) const = 0;

  // DTK for a card; nullopt when the key is unknown.
  virtual std::optional<CardKey> derive_card_key(const KeyId& key,
                                                 const DiversificationFactor& factor) const = 0;
  // TAC of one request (its claimed_tac is ignored); nullopt when the key is unknown.
  virtual std::optional<uint32_t> compute_tac(const TacRequest& request) const = 0;
  // Verdict for every request, in bulk (verdicts.size() == requests.size()). Thread-safe.
  virtual void verify_tacs(std::span<const TacRequest> requests,
                           std::span<TacVerdict> verdicts) const = 0;
  // A streaming file MAC for the acquirer; nullptr when the acquirer has no file key.
  virtual std::unique_ptr<FileMac> begin_file_mac(uint32_t acquirer_code) const = 0;
};

// Constant-time comparison of two equal-length byte strings.
bool constant_time_equal(std::span<const uint8_t> left, std::span<const uint8_t> right);

}  // namespace cityclear::crypto
