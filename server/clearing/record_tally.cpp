#include "clearing/record_tally.h"

#include "clearing/fee.h"

namespace cityclear::clearing {

void RecordTally::add(const ClearingRecord& record) {
  std::optional<size_t> acquirer = rates_.index_of(record.acquirer_code);
  if (record.reason != accepted_reason) {
    if (acquirer) {
      ledger_.add_rejected(*acquirer, record.amount_fen);
    } else {
      unconfigured_.add_record(record, rates_);
    }
    return;
  }
  std::optional<size_t> issuer = rates_.index_of(record.issuer_code);
  if (!acquirer || !issuer) {
    unconfigured_.add_record(record, rates_);
    return;
  }
  int64_t fee =
      *acquirer == *issuer ? 0 : fee_fen(record.amount_fen, rates_.all()[*acquirer].fee_bps);
  ledger_.add_accepted(*acquirer, *issuer, record.amount_fen, fee);
}

DayTotals RecordTally::totals() const {
  DayTotals totals = ledger_.totals();
  for (const PairTotals& group : unconfigured_.groups()) totals.add(group);
  return totals;
}

}  // namespace cityclear::clearing
