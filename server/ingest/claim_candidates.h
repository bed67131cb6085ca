#pragma once
// The records of one file that may claim their (issuer, ASN, counter): every record that passed
// reasons 11 to 13. The first occurrence of a key in the file is the candidate; a later one is a
// duplicate within the file (03), decided here in memory so the database sees each key once.
// Memory: 20 bytes a candidate plus an 8-byte slot table of twice the file's record count (the
// count is capped by ingest.max_records_per_file), about 36 MB for a million records.
#include <array>
#include <cstdint>
#include <span>
#include <vector>

namespace cityclear::ingest {

using CardKey = std::array<uint8_t, 16>;

struct ClaimCandidate {
  CardKey key;
  uint32_t sequence;
};

class ClaimCandidates {
 public:
  // Room for `record_count` candidates (the file's detail records).
  explicit ClaimCandidates(size_t record_count);

  // True when `key` is new in this file (it becomes a candidate); false for a repeat.
  bool add(const CardKey& key, uint32_t sequence);
  size_t size() const { return entries_.size(); }
  // Sorts the candidates by key (the order that keeps concurrent claims free of deadlocks and
  // the unique index's pages in order) and returns them.
  std::span<const ClaimCandidate> sorted_by_key();

 private:
  std::vector<ClaimCandidate> entries_;
  // Per slot: the key's 32-bit hash tag (high half) and index + 1 into entries_ (low half; 0 =
  // empty). The tag spares a visit to entries_ (a cache miss) for nearly every other key.
  std::vector<uint64_t> slots_;
  size_t slot_mask_;
  bool sorted_ = false;
};

}  // namespace cityclear::ingest
