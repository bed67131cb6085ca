#pragma once
// The ingest limits the expectations assume; written to expected.json and to cityclear.json
// ("ingest" section) so that the server is configured exactly as the oracle reasoned.
#include <cstdint>

namespace cityclear::gen {

struct DayLimits {
  int64_t max_single_purchase_fen = 100000;
  int64_t acceptance_window_days = 30;
  int64_t future_tolerance_seconds = 600;
  int64_t max_records_per_file =
      2000000;  // the server's default; lowered to the largest file for F05
  int64_t max_file_bytes = 256LL << 20;  // the server's default; raised when a file needs it
  int64_t acceptance_window_seconds() const { return acceptance_window_days * 86400; }
};

// Bytes of a well-formed TB1 file of n records: header 55, details 122 each, trailer 88.
constexpr int64_t tb1_file_bytes(int64_t records) {
  return 55 + records * 122 + 88;
}

}  // namespace cityclear::gen
