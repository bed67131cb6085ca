#pragma once
// The reason of one detail record of an accepted file, the first that applies in the spec's order
// (shared/spec/batch-file.md, "Per-record outcome"): 11, 12, 02, 05, 07, 04, 01, 13, 03, 00.
// 13 (blacklisted) never applies: the generated day publishes no blacklist.
#include <cstdint>
#include <optional>
#include <string>

#include "gen/key_ring.h"
#include "gen/limits.h"
#include "gen/tb1_record.h"

namespace cityclear::gen {

enum class Reason : uint8_t {
  accepted = 0,
  tac_mismatch = 1,
  illegal_data = 2,
  duplicate = 3,
  grey = 4,
  insufficient_balance = 5,
  bad_time = 7,
  unknown_issuer = 11,
  unknown_key = 12,
  blacklisted = 13
};

inline char reason_digit_high(Reason reason) {
  return static_cast<char>('0' + static_cast<int>(reason) / 10);
}
inline char reason_digit_low(Reason reason) {
  return static_cast<char>('0' + static_cast<int>(reason) % 10);
}
inline std::string reason_code(Reason reason) {
  return {reason_digit_high(reason), reason_digit_low(reason)};
}

struct RecordFacts {
  // The TAC over the record's fields with the key it names; nullopt when there is no such key.
  std::optional<uint32_t> tac_over_fields;
  // An accepted record with the same issuer, ASN and counter exists (earlier, or earlier in the
  // file).
  bool already_accepted = false;
};

Reason classify_record(const Tb1Record& record, int64_t header_created, const KeyRing& keys,
                       const DayLimits& limits, const RecordFacts& facts);

// The TAC over a record's fields with the key it names (nullopt: no such key).
std::optional<uint32_t> tac_over_fields(const Tb1Record& record, const KeyRing& keys,
                                        TacOracle& oracle);

}  // namespace cityclear::gen
