#pragma once
// The figures of a day grouped by (accepted, acquirer, issuer): counts, amounts and fees. Built
// set-based by SQL (GROUP BY) or record by record; the two must agree exactly. Rejected records
// are grouped by acquirer only (issuer 0) and carry no fee.
#include <cstdint>
#include <map>
#include <tuple>
#include <vector>

#include "clearing/clearing_record.h"
#include "clearing/participant_rates.h"

namespace cityclear::clearing {

struct PairTotals {
  bool accepted = false;
  uint32_t acquirer_code = 0;
  uint32_t issuer_code = 0;  // 0 for rejected records
  int64_t record_count = 0;
  int64_t amount_fen = 0;
  int64_t fees_fen = 0;  // fees of accepted inter-city records at the acquirer's rate
  friend bool operator==(const PairTotals&, const PairTotals&) = default;
};

struct DayFigures {
  int64_t record_count = 0;  // every record of the day's files
  int64_t accepted_count = 0;
  int64_t inter_city_count = 0;  // accepted, issuer != acquirer
  int64_t total_fees_fen = 0;
  friend bool operator==(const DayFigures&, const DayFigures&) = default;
};

class DayTotals {
 public:
  // Merges one group (adds to an existing group with the same key).
  void add(const PairTotals& totals);
  // Adds one record; the fee uses the acquirer's rate (0 when the acquirer is not configured:
  // such a day is refused anyway, see participant_check.h).
  void add_record(const ClearingRecord& record, const ParticipantRates& rates);

  std::vector<PairTotals> groups() const;  // by (accepted, acquirer, issuer)
  DayFigures figures() const;
  friend bool operator==(const DayTotals&, const DayTotals&) = default;

 private:
  using Key = std::tuple<bool, uint32_t, uint32_t>;
  std::map<Key, PairTotals> groups_;
};

}  // namespace cityclear::clearing
