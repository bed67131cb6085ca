#include "ingest/claim_candidates.h"

#include <algorithm>
#include <bit>
#include <cstring>

#include "common/check.h"

namespace cityclear::ingest {
namespace {

uint64_t big_endian_word(const CardKey& key, size_t offset) {
  uint64_t word;
  std::memcpy(&word, key.data() + offset, sizeof word);
  return __builtin_bswap64(word);
}

bool key_less(const ClaimCandidate& left, const ClaimCandidate& right) {
  uint64_t left_high = big_endian_word(left.key, 0);
  uint64_t right_high = big_endian_word(right.key, 0);
  if (left_high != right_high) return left_high < right_high;
  return big_endian_word(left.key, 8) < big_endian_word(right.key, 8);
}

}  // namespace

ClaimCandidates::ClaimCandidates(size_t record_count) {
  size_t slot_count = std::bit_ceil(std::max<size_t>(16, record_count * 2));
  slots_.assign(slot_count, 0);
  slot_mask_ = slot_count - 1;
  entries_.reserve(record_count);
}

size_t ClaimCandidates::slot_of(const CardKey& key) const {
  uint64_t mixed = (big_endian_word(key, 0) * 0x9E3779B97F4A7C15ULL) ^ big_endian_word(key, 8);
  mixed *= 0xC2B2AE3D27D4EB4FULL;
  return static_cast<size_t>(mixed >> 17) & slot_mask_;
}

bool ClaimCandidates::add(const CardKey& key, uint32_t sequence) {
  CITYCLEAR_CHECK(!sorted_, "no candidate is added after sorting");
  CITYCLEAR_CHECK(entries_.size() * 2 < slots_.size(), "more candidates than the file has records");
  for (size_t slot = slot_of(key);; slot = (slot + 1) & slot_mask_) {
    uint32_t held = slots_[slot];
    if (held == 0) {
      entries_.push_back({key, sequence});
      slots_[slot] = static_cast<uint32_t>(entries_.size());
      return true;
    }
    if (entries_[held - 1].key == key) return false;
  }
}

std::span<const ClaimCandidate> ClaimCandidates::sorted_by_key() {
  if (!sorted_) {
    std::vector<uint32_t>().swap(slots_);  // the lookups are over; free the table before sorting
    std::sort(entries_.begin(), entries_.end(), key_less);
    sorted_ = true;
  }
  return entries_;
}

}  // namespace cityclear::ingest
