#pragma once
// The records of one file that may claim their (issuer, ASN, counter): every record that passed
// reasons 11 to 13. Once the whole file is decided, the candidates are sorted by key; the first
// occurrence of a key in the file stays the candidate, a later one is a duplicate within the file
// (03), so the database sees each key once, in key order.
// Memory: 20 bytes a candidate (the count is capped by ingest.max_records_per_file), about 20 MB
// for a million records.
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

  // Adds a record that passed every check up to 13; sequences come in ascending order.
  void add(const CardKey& key, uint32_t sequence);
  size_t size() const { return entries_.size(); }
  // Sorts the candidates by key (the order that keeps concurrent claims free of deadlocks and the
  // unique index's pages in order), keeps each key's first occurrence and returns the sequences
  // of the later ones (duplicates within the file), ascending. Called once, after the last add.
  std::vector<uint32_t> keep_first_occurrences();
  // The remaining candidates, sorted by key, each key once (after keep_first_occurrences).
  std::span<const ClaimCandidate> sorted_by_key() const;

 private:
  std::vector<ClaimCandidate> entries_;
  bool sorted_ = false;
};

}  // namespace cityclear::ingest
