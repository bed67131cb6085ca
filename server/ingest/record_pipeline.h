#pragma once
// Two passes over a checked file, a few thousand records a step, nothing allocated per record.
// The first decides every reason up to 13 (rules, bulk TAC verification, blacklist), collects the
// survivors as claim candidates and then gives 03 to a key seen earlier in the file; the second
// writes every record by binary COPY with its reason (survivors as accepted), while the database
// claims the candidates' keys beside. Only if the database finds one of them accepted before (03
// against history) are the records written again with final reasons.
#include <cstdint>
#include <functional>
#include <vector>

#include "crypto/key_provider.h"
#include "ingest/blacklist_snapshot.h"
#include "ingest/claim_candidates.h"
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
  RecordPipeline(const FileLayout& layout, const RecordRules& rules,
                 const crypto::KeyProvider& keys, const BlacklistSnapshot& blacklist,
                 int step_records, std::function<void(size_t)> release_before);

  size_t record_count() const;
  // Every record's reason (accepted for a claim candidate), the candidates collected and sorted;
  // nothing is written.
  std::vector<Reason> decide(ClaimCandidates& candidates);
  // Every record with its reason (none pending) to `records`.
  void write_records(const std::vector<Reason>& reasons, const RecordDestination& destination,
                     store::BinaryCopyWriter& records);

 private:
  void decide_step(size_t first, size_t count, std::vector<Reason>& reasons);
  void collect_candidates(size_t first, size_t count, std::vector<Reason>& reasons,
                          ClaimCandidates& candidates);
  const DetailRecord& parse(size_t index, size_t slot);

  const FileLayout& layout_;
  RecordRules rules_;  // by value: callers pass a temporary
  const crypto::KeyProvider& keys_;
  const BlacklistSnapshot& blacklist_;
  size_t step_records_;
  std::function<void(size_t)> release_before_;
  std::vector<DetailRecord> step_;  // reused every step
  std::vector<crypto::TacRequest> tac_requests_;
  std::vector<size_t> tac_slots_;
  std::vector<crypto::TacVerdict> verdicts_;
};

}  // namespace cityclear::ingest
