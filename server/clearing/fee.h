#pragma once
// The service fee of one inter-city record (shared/spec/clearing.md):
// fee = (amount × fee_bps + 5000) div 10000, in fen, with the acquirer's rate. Half a fen rounds
// up.
#include <cstdint>

namespace cityclear::clearing {

inline constexpr int max_fee_bps = 10000;
inline constexpr int64_t max_record_amount_fen = 4294967295LL;  // TB1 amount: 10 digits, 4 bytes

int64_t fee_fen(int64_t amount_fen, int fee_bps);

}  // namespace cityclear::clearing
