#pragma once
// Per-record faults: which one a record gets (at the configured permille rates, sometimes a second
// one on top), and what each does to the record. Field faults go in before the TAC is computed,
// TAC faults after. The expected reason is never taken from here: reason_oracle.h computes it
// from the finished record, so a record with two faults gets whichever the spec's order puts first.
#include <cstdint>
#include <optional>

#include "gen/limits.h"
#include "gen/options.h"
#include "gen/purchase_draft.h"
#include "gen/rng.h"
#include "gen/scheme.h"

namespace cityclear::gen {

struct FaultChoice {
  std::optional<RecordFault> first;
  std::optional<RecordFault> second;  // never a duplicate
  bool has(RecordFault fault) const { return first == fault || second == fault; }
};

class RecordFaults {
 public:
  RecordFaults(const GenOptions& options, const Scheme& scheme, const DayLimits& limits);
  FaultChoice draw(Rng& rng) const;
  // 11, 12, 02, 05, 07, 04: change the fields (01 and 03 do nothing here).
  void apply_before_tac(RecordFault fault, PurchaseDraft& draft, Rng& rng,
                        int64_t header_created) const;
  // 01: the carried TAC no longer matches (a flipped TAC, or a field changed after the card MACed
  // it).
  void apply_after_tac(RecordFault fault, PurchaseDraft& draft, Rng& rng) const;

 private:
  void make_unknown_key(PurchaseDraft& draft, Rng& rng) const;
  void make_bad_time(PurchaseDraft& draft, Rng& rng, int64_t header_created) const;

  std::array<uint32_t, record_fault_count> permille_;
  const Scheme& scheme_;
  const DayLimits& limits_;
};

}  // namespace cityclear::gen
