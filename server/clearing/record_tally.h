#pragma once
// Counts a day's records as they are first read (in no particular order) into DayTotals, at the
// cost of a few additions a record: records of configured participants go into a DayLedger's
// flat arrays, the rest (which make the day unsettleable, see participant_check.h) into a
// DayTotals of their own. The file headers are written from these totals; the files' own
// streamed totals and the set-based SQL totals must both equal them.
#include "clearing/clearing_record.h"
#include "clearing/day_ledger.h"
#include "clearing/day_totals.h"
#include "clearing/participant_rates.h"

namespace cityclear::clearing {

class RecordTally {
 public:
  explicit RecordTally(const ParticipantRates& rates) : rates_(rates), ledger_(rates) {}

  void add(const ClearingRecord& record);
  // The same totals as DayTotals::add_record over every record added.
  DayTotals totals() const;

 private:
  const ParticipantRates& rates_;
  DayLedger ledger_;
  DayTotals unconfigured_;  // records naming an institution that is not a configured participant
};

}  // namespace cityclear::clearing
