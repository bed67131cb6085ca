#pragma once
// Writes the day's TB1 files in upload order, one record at a time, and keeps what each must give:
// for every record a natural purchase (or a repeat of an earlier record), its faults, its TAC, and
// its expected reason from the oracle; accepted records go to the clearing ledger.
#include <filesystem>
#include <memory>

#include "gen/activity_profile.h"
#include "gen/card_population.h"
#include "gen/clearing_ledger.h"
#include "gen/day_plan.h"
#include "gen/file_expectation.h"
#include "gen/key_ring.h"
#include "gen/limits.h"
#include "gen/record_factory.h"
#include "gen/record_faults.h"
#include "gen/record_pool.h"
#include "gen/terminal_fleet.h"

namespace cityclear::gen {

class DayGenerator {
 public:
  DayGenerator(const GenOptions& options, const Scheme& scheme, const DayPlan& plan,
               const DayLimits& limits, const ActivityProfile& profile);
  FileExpectation write_file(const PlannedFile& file, size_t upload_index);

  RecordFactory& factory() { return factory_; }
  const KeyRing& keys() const { return keys_; }
  TacOracle& oracle() { return oracle_; }
  ClearingLedger& ledger() { return ledger_; }

 private:
  PurchaseDraft next_draft(Rng& rng, const PlannedFile& file, int64_t local_time,
                           FaultChoice& faults);
  Reason finish_record(PurchaseDraft& draft, const FaultChoice& faults, Rng& rng, int64_t created);
  void record_outcome(const PurchaseDraft& draft, Reason reason, const PlannedFile& file,
                      uint32_t batch_index);
  int64_t time_of_record(const PlannedFile& file, int64_t index, Rng& rng) const;
  std::optional<uint32_t> tac_of(const PurchaseDraft& draft);

  const GenOptions& options_;
  const Scheme& scheme_;
  const DayPlan& plan_;
  const DayLimits& limits_;
  const ActivityProfile& profile_;
  KeyRing keys_;
  CardPopulation cards_;
  TerminalFleet terminals_;
  RecordFactory factory_;
  RecordFaults faults_;
  RecordPool accepted_pool_{4096};
  RecordPool rejected_pool_{1024};
  TacOracle oracle_;
  ClearingLedger ledger_;
  // Each card's diversified key, computed on its first purchase (a card makes several a day).
  std::vector<Block16> card_dtks_;
  std::vector<uint8_t> card_dtk_known_;
};

}  // namespace cityclear::gen
