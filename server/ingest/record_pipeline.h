#pragma once
// The per-record pass over a checked file, a few thousand records a step, nothing allocated per
// record: every reason up to 13 (rules, bulk TAC verification, blacklist), then 03 for a key seen
// earlier in the file, and every record written by binary COPY as it is decided; the survivors
// are written as accepted (00) and become claim candidates. Only if the database then finds one
// of them accepted before (03 against history) are the records written again with final reasons.
#include <cstdint>
#include <functional>
#include <vector>

#include "crypto/key_provider.h"
#include "ingest/claim_candidates.h"
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

  size_t record_count() const;
  // Every record's reason, each record written to `records` as decided, the candidates collected.
  std::vector<Reason> decide_and_write(const RecordDestination& destination, store::BinaryCopyWriter& records,
                                       ClaimCandidates& candidates);
  // Every record again with its final reason (none pending) to `records`.
  void write_records(const std::vector<Reason>& reasons, const RecordDestination& destination,
                     store::BinaryCopyWriter& records);

 private:
  void decide_step(size_t first, size_t count, std::vector<Reason>& reasons);
  void write_step(size_t first, size_t count, std::vector<Reason>& reasons, const RecordDestination& destination,
                  store::BinaryCopyWriter& records, ClaimCandidates& candidates);
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
