#include "ingest/claim_candidates.h"

#include <algorithm>
#include <cstring>

#include "common/check.h"

namespace cityclear::ingest {
namespace {

uint64_t big_endian_word(const CardKey& key, size_t offset) {
  uint64_t word;
  std::memcpy(&word, key.data() + offset, sizeof word);
  return __builtin_bswap64(word);
}

// Keys compare as bytes, most significant first; a key's occurrences by their place in the file.
bool key_then_sequence_less(const ClaimCandidate& left, const ClaimCandidate& right) {
  uint64_t left_high = big_endian_word(left.key, 0);
  uint64_t right_high = big_endian_word(right.key, 0);
  if (left_high != right_high) return left_high < right_high;
  uint64_t left_low = big_endian_word(left.key, 8);
  uint64_t right_low = big_endian_word(right.key, 8);
  if (left_low != right_low) return left_low < right_low;
  return left.sequence < right.sequence;
}

}  // namespace

ClaimCandidates::ClaimCandidates(size_t record_count) {
  entries_.reserve(record_count);
}

void ClaimCandidates::add(const CardKey& key, uint32_t sequence) {
  CITYCLEAR_CHECK(!sorted_, "no candidate is added after sorting");
  CITYCLEAR_CHECK(entries_.empty() || entries_.back().sequence < sequence,
                  "candidates come in file order");
  entries_.push_back({key, sequence});
}

std::vector<uint32_t> ClaimCandidates::keep_first_occurrences() {
  CITYCLEAR_CHECK(!sorted_, "the candidates are sorted once");
  std::sort(entries_.begin(), entries_.end(), key_then_sequence_less);
  sorted_ = true;
  std::vector<uint32_t> repeats;
  size_t kept = 0;
  for (size_t index = 0; index < entries_.size(); ++index) {
    if (kept > 0 && entries_[kept - 1].key == entries_[index].key) {
      repeats.push_back(entries_[index].sequence);
    } else {
      entries_[kept++] = entries_[index];
    }
  }
  entries_.resize(kept);
  std::sort(repeats.begin(), repeats.end());
  return repeats;
}

std::span<const ClaimCandidate> ClaimCandidates::sorted_by_key() const {
  CITYCLEAR_CHECK(sorted_, "the candidates are sorted before they are claimed");
  return entries_;
}

}  // namespace cityclear::ingest
