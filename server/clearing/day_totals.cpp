#include "clearing/day_totals.h"

#include "clearing/fee.h"
#include "common/check.h"

namespace cityclear::clearing {

void DayTotals::add(const PairTotals& totals) {
  CITYCLEAR_CHECK(totals.accepted || (totals.issuer_code == 0 && totals.fees_fen == 0),
                  "rejected group with issuer or fee");
  PairTotals& group = groups_[Key{totals.accepted, totals.acquirer_code, totals.issuer_code}];
  group.accepted = totals.accepted;
  group.acquirer_code = totals.acquirer_code;
  group.issuer_code = totals.issuer_code;
  group.record_count += totals.record_count;
  group.amount_fen += totals.amount_fen;
  group.fees_fen += totals.fees_fen;
}

void DayTotals::add_record(const ClearingRecord& record, const ParticipantRates& rates) {
  bool accepted = record.reason == accepted_reason;
  int64_t fee = 0;
  if (accepted && record.is_inter_city()) {
    auto acquirer = rates.index_of(record.acquirer_code);
    if (acquirer) fee = fee_fen(record.amount_fen, rates.all()[*acquirer].fee_bps);
  }
  add(PairTotals{accepted, record.acquirer_code, accepted ? record.issuer_code : 0, 1,
                 record.amount_fen, fee});
}

std::vector<PairTotals> DayTotals::groups() const {
  std::vector<PairTotals> list;
  list.reserve(groups_.size());
  for (const auto& [key, totals] : groups_) list.push_back(totals);
  return list;
}

DayFigures DayTotals::figures() const {
  DayFigures figures;
  for (const auto& [key, totals] : groups_) {
    figures.record_count += totals.record_count;
    if (!totals.accepted) continue;
    figures.accepted_count += totals.record_count;
    if (totals.acquirer_code == totals.issuer_code) continue;
    figures.inter_city_count += totals.record_count;
    figures.total_fees_fen += totals.fees_fen;
  }
  return figures;
}

}  // namespace cityclear::clearing
