#pragma once
// The per-record passes over a checked file, a few thousand records a step, nothing allocated per
// record: (1) every reason up to 13 (rules, bulk TAC verification, blacklist), the survivors sent
// to the database as duplicate candidates; (2) after the database decided the duplicates, every
// record written with its final reason by binary COPY.
#include <cstdint>
#include <functional>
#include <vector>

#include "crypto/key_provider.h"
#include "ingest/blacklist_snapshot.h"
#include "ingest/file_layout.h"
#include "ingest/reason_code.h"
#include "ingest/record_rules.h"
#include "store/binary_copy.h"

namespace cityclear::ingest {

struct RecordDestination {
  int64_t clearing_day_days = 0;  // days since 1970-01-01
  int64_t batch_key = 0;
  uint32_t acquirer_code = 0;
};

class RecordPipeline {
 public:
  RecordPipeline(const FileLayout& layout, const RecordRules& rules, const crypto::KeyProvider& keys,
                 const BlacklistSnapshot& blacklist, int step_records, std::function<void(size_t)> release_before);

  // Pass 1: reasons of all records; Reason::pending marks a duplicate candidate, written as
  // (card_key, sequence) rows to `candidates`.
  std::vector<Reason> decide_reasons(store::BinaryCopyWriter& candidates);
  // Pass 2: every record with its final reason (no Reason::pending left) to `records`.
  void write_records(const std::vector<Reason>& reasons, const RecordDestination& destination,
                     store::BinaryCopyWriter& records);

 private:
  void decide_step(size_t first, size_t count, std::vector<Reason>& reasons, store::BinaryCopyWriter& candidates);
  const DetailRecord& parse(size_t index, size_t slot);

  const FileLayout& layout_;
  RecordRules rules_;  // by value: callers pass a temporary
  const crypto::KeyProvider& keys_;
  const BlacklistSnapshot& blacklist_;
  size_t step_records_;
  std::function<void(size_t)> release_before_;
  std::vector<DetailRecord> step_;              // reused every step
  std::vector<crypto::TacRequest> tac_requests_;
  std::vector<size_t> tac_slots_;
  std::vector<crypto::TacVerdict> verdicts_;
};

}  // namespace cityclear::ingest
