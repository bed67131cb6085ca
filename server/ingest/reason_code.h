#pragma once
// Per-record reason codes of batch-file.md, checked in this order: 11, 12, 02, 05, 07, 04, 01, 13,
// 03, 00.
#include <cstdint>
#include <string>

namespace cityclear::ingest {

enum class Reason : uint8_t {
  accepted = 0,
  tac_mismatch = 1,
  illegal_data = 2,
  duplicate = 3,
  grey = 4,
  insufficient_balance = 5,
  bad_transaction_time = 7,
  unknown_issuer = 11,
  unknown_key = 12,
  blacklisted = 13,
  pending = 255,  // not decided yet (inside the pipeline only)
};

// "00", "01", ... as on the wire.
inline std::string reason_text(Reason reason) {
  int value = static_cast<int>(reason);
  return std::string{static_cast<char>('0' + value / 10), static_cast<char>('0' + value % 10)};
}

}  // namespace cityclear::ingest
