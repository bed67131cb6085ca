#include "clearing/fee.h"

#include "common/check.h"

namespace cityclear::clearing {

int64_t fee_fen(int64_t amount_fen, int fee_bps) {
  CITYCLEAR_CHECK(amount_fen >= 0 && amount_fen <= max_record_amount_fen,
                  "record amount out of range");
  CITYCLEAR_CHECK(fee_bps >= 0 && fee_bps <= max_fee_bps, "fee rate out of range");
  // At most 4294967295 × 10000 + 5000 < 2^46: no overflow; both operands are non-negative, so
  // integer division is the spec's div (rounds toward minus infinity).
  return (amount_fen * fee_bps + 5000) / 10000;
}

}  // namespace cityclear::clearing
