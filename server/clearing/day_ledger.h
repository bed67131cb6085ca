#pragma once
// The money of a day per (acquirer, issuer) of configured participants, kept in flat arrays so
// adding a record costs a few additions. Yields the positions and the detail counts every file
// header needs; fed record by record while streaming, or from set-based DayTotals.
#include <cstdint>
#include <vector>

#include "clearing/day_totals.h"
#include "clearing/participant_rates.h"
#include "clearing/position.h"

namespace cityclear::clearing {

class DayLedger {
 public:
  explicit DayLedger(const ParticipantRates& rates);
  // Every code in `totals` must be configured (see require_configured_participants).
  static DayLedger from_totals(const DayTotals& totals, const ParticipantRates& rates);

  // Indexes are positions in rates.all().
  void add_accepted(size_t acquirer_index, size_t issuer_index, int64_t amount_fen,
                    int64_t fees_fen, int64_t count = 1) {
    Cell& cell = accepted_[acquirer_index * size_ + issuer_index];
    cell.count += count;
    cell.amount_fen += amount_fen;
    cell.fees_fen += fees_fen;
  }
  void add_rejected(size_t acquirer_index, int64_t amount_fen, int64_t count = 1) {
    rejected_[acquirer_index].count += count;
    rejected_[acquirer_index].amount_fen += amount_fen;
  }

  // The center first, then every configured participant by code (also those with nothing).
  // The nets adding up to zero is asserted.
  std::vector<Position> positions() const;
  // Detail lines of the participant's CLR1 file: records it acquired or issued (local once).
  int64_t clearing_detail_count(size_t participant_index) const;
  int64_t reject_count(size_t acquirer_index) const { return rejected_[acquirer_index].count; }
  DayTotals totals() const;

 private:
  struct Cell {
    int64_t count = 0;
    int64_t amount_fen = 0;
    int64_t fees_fen = 0;
  };
  const ParticipantRates& rates_;
  size_t size_;
  std::vector<Cell> accepted_;  // [acquirer_index * size_ + issuer_index]
  std::vector<Cell> rejected_;  // [acquirer_index]
};

}  // namespace cityclear::clearing
