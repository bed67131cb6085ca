#pragma once
// What the day's accepted files leave for clearing (shared/spec/clearing.md): every accepted
// record (kept compact, spilled to disk per issuer past a memory budget, so a day of tens of
// millions of records fits), every record not accepted (for the RJT files), and the inter-city
// flows between each acquirer and issuer from which the positions follow.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "gen/reason_oracle.h"
#include "gen/scheme.h"
#include "gen/tb1_record.h"

namespace cityclear::gen {

struct AcceptedEntry {
  uint32_t issuer = 0;
  uint32_t asn_prefix = 0;
  uint64_t asn_serial = 0;
  uint64_t terminal = 0;
  int64_t local_time = 0;
  uint32_t amount = 0;
  uint32_t batch_index = 0;
  uint32_t sequence = 0;
  uint32_t terminal_serial = 0;
  uint32_t acquirer_index = 0;
  uint32_t counter = 0;
  uint32_t transaction_type = 0;
};

struct RejectedEntry {
  uint32_t batch_index = 0;
  uint32_t sequence = 0;
  Reason reason = Reason::accepted;
  uint32_t issuer = 0;
  Asn asn;
  uint32_t counter = 0;
  uint32_t amount = 0;
  int64_t local_time = 0;
};

// Inter-city records acquired by one participant and issued by another.
struct Flow {
  int64_t count = 0;
  int64_t amount = 0;
  int64_t fees = 0;
};

struct Position {
  uint32_t code = 0;
  int64_t receivable = 0;
  int64_t payable = 0;
  int64_t fees = 0;
  int64_t net = 0;
};

struct Positions {
  int64_t center_fees = 0;
  std::vector<Position> participants;  // by code
};

class ClearingLedger {
 public:
  // Past memory_budget accepted records in memory, they are spilled to spill_dir (removed at the
  // end).
  ClearingLedger(const Scheme& scheme, std::filesystem::path spill_dir,
                 size_t memory_budget = 2'000'000);
  ~ClearingLedger();
  ClearingLedger(const ClearingLedger&) = delete;
  ClearingLedger& operator=(const ClearingLedger&) = delete;

  uint32_t add_batch(const std::string& batch_id);
  const std::string& batch_id(uint32_t batch_index) const { return batch_ids_[batch_index]; }
  void add_accepted(const Tb1Record& record, size_t acquirer_index, uint32_t batch_index);
  void add_rejected(const Tb1Record& record, Reason reason, size_t acquirer_index,
                    uint32_t batch_index);

  // fee = (amount x fee_bps + 5000) div 10000, with the acquirer's rate.
  int64_t fee_of(int64_t amount, size_t acquirer_index) const;
  const Flow& flow(size_t acquirer_index, size_t issuer_index) const {
    return flows_[acquirer_index * size_ + issuer_index];
  }
  int64_t clr_detail_count(size_t participant_index) const;
  Positions positions() const;

  // The issuer's accepted records ordered by ASN, then counter (reads its spill back).
  std::vector<AcceptedEntry> sorted_accepted(size_t issuer_index);
  // The acquirer's records not accepted, ordered by batch id, then sequence.
  std::vector<RejectedEntry> sorted_rejected(size_t acquirer_index) const;

 private:
  void spill_all();
  std::filesystem::path spill_path(size_t issuer_index) const;

  const Scheme& scheme_;
  size_t size_;
  std::filesystem::path spill_dir_;
  std::vector<std::string> batch_ids_;
  std::vector<std::vector<AcceptedEntry>> accepted_;  // by issuer index
  std::vector<int64_t> spilled_;                      // by issuer index
  size_t memory_budget_;
  size_t in_memory_ = 0;
  std::vector<std::vector<RejectedEntry>> rejected_;  // by acquirer index
  std::vector<Flow> flows_;                           // acquirer-major
  std::vector<int64_t> local_counts_;                 // by participant index
};

}  // namespace cityclear::gen
