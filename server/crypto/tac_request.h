#pragma once
// What the center needs to check one card's TAC (shared/spec/crypto.md), and the verdict.
#include <array>
#include <cstdint>
#include <optional>
#include <span>

namespace cityclear::crypto {

enum class Algorithm : uint8_t { triple_des = 0x00, sm4 = 0x04 };

// The Algorithm of a key's algorithm byte; nullopt for a byte that is neither 00 nor 04.
std::optional<Algorithm> algorithm_of_byte(uint8_t byte);

// One issuer master key: issuer code (the 8 decimal digits as a number), version byte, algorithm
// byte.
struct KeyId {
  uint32_t issuer_code = 0;
  uint8_t version = 0;
  uint8_t algorithm = 0;
  friend bool operator==(const KeyId&, const KeyId&) = default;
};

// The 22 bytes the card MACs: amount(4 BE) | type(1) | terminal(6) | serial(4 BE) | date(4 BCD) |
// time(3 BCD).
using TacInput = std::array<uint8_t, 22>;
// Last 8 bytes of the card ASN as packed BCD.
using DiversificationFactor = std::array<uint8_t, 8>;

struct TacRequest {
  KeyId key;
  DiversificationFactor factor{};
  TacInput input{};
  uint32_t claimed_tac = 0;  // the 4 TAC bytes read big-endian
};

enum class TacVerdict : uint8_t { ok = 0, mismatch = 1, unknown_issuer = 2, unknown_key = 3 };

const char* verdict_name(TacVerdict verdict);  // "OK", "MISMATCH", "UNKNOWN_ISSUER", "UNKNOWN_KEY"

}  // namespace cityclear::crypto
