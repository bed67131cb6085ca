#include "clearing/day_ledger.h"

#include "clearing/position_balance.h"
#include "common/check.h"
#include "config/participants.h"

namespace cityclear::clearing {

DayLedger::DayLedger(const ParticipantRates& rates)
    : rates_(rates), size_(rates.size()), accepted_(size_ * size_), rejected_(size_) {}

DayLedger DayLedger::from_totals(const DayTotals& totals, const ParticipantRates& rates) {
  DayLedger ledger(rates);
  for (const PairTotals& group : totals.groups()) {
    auto acquirer = rates.index_of(group.acquirer_code);
    CITYCLEAR_CHECK(acquirer.has_value(), "totals name an acquirer that is not configured");
    if (!group.accepted) {
      ledger.add_rejected(*acquirer, group.amount_fen, group.record_count);
      continue;
    }
    auto issuer = rates.index_of(group.issuer_code);
    CITYCLEAR_CHECK(issuer.has_value(), "totals name an issuer that is not configured");
    ledger.add_accepted(*acquirer, *issuer, group.amount_fen, group.fees_fen, group.record_count);
  }
  return ledger;
}

std::vector<Position> DayLedger::positions() const {
  std::vector<Position> positions(size_ + 1);
  positions[0].participant_code = center_code;
  for (size_t acquirer = 0; acquirer < size_; ++acquirer) {
    positions[acquirer + 1].participant_code = rates_.all()[acquirer].code;
    for (size_t issuer = 0; issuer < size_; ++issuer) {
      const Cell& cell = accepted_[acquirer * size_ + issuer];
      if (acquirer == issuer) continue;  // local: listed, moves no money, pays no fee
      positions[acquirer + 1].receivable_fen += cell.amount_fen;
      positions[acquirer + 1].fees_fen += cell.fees_fen;
      positions[issuer + 1].payable_fen += cell.amount_fen;
      positions[0].fees_fen += cell.fees_fen;
    }
  }
  for (size_t index = 1; index < positions.size(); ++index) {
    Position& position = positions[index];
    position.net_fen = position.receivable_fen - position.payable_fen - position.fees_fen;
  }
  positions[0].net_fen = positions[0].fees_fen;
  CITYCLEAR_CHECK(position_balance_problem(positions).empty(), "positions do not balance");
  return positions;
}

int64_t DayLedger::clearing_detail_count(size_t participant_index) const {
  int64_t count = 0;
  for (size_t other = 0; other < size_; ++other) {
    count += accepted_[participant_index * size_ + other].count;  // acquired, local included
    if (other != participant_index)
      count += accepted_[other * size_ + participant_index].count;  // issued
  }
  return count;
}

DayTotals DayLedger::totals() const {
  DayTotals totals;
  for (size_t acquirer = 0; acquirer < size_; ++acquirer) {
    uint32_t acquirer_code = rates_.all()[acquirer].code;
    for (size_t issuer = 0; issuer < size_; ++issuer) {
      const Cell& cell = accepted_[acquirer * size_ + issuer];
      if (cell.count == 0) continue;
      int64_t fees = acquirer == issuer ? 0 : cell.fees_fen;
      totals.add(PairTotals{true, acquirer_code, rates_.all()[issuer].code, cell.count,
                            cell.amount_fen, fees});
    }
    const Cell& rejected = rejected_[acquirer];
    if (rejected.count > 0)
      totals.add(PairTotals{false, acquirer_code, 0, rejected.count, rejected.amount_fen, 0});
  }
  return totals;
}

}  // namespace cityclear::clearing
