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

bool ClaimCandidates::add(const CardKey& key, uint32_t sequence) {
  CITYCLEAR_CHECK(!sorted_, "no candidate is added after sorting");
  CITYCLEAR_CHECK(entries_.size() * 2 < slots_.size(), "more candidates than the file has records");
  uint64_t high = big_endian_word(key, 0);
  uint64_t low = big_endian_word(key, 8);
  uint64_t hash = ((high * 0x9E3779B97F4A7C15ULL) ^ low) * 0xC2B2AE3D27D4EB4FULL;
  uint64_t tag = hash & 0xFFFFFFFF00000000ULL;
  for (size_t slot = static_cast<size_t>(hash >> 11) & slot_mask_;; slot = (slot + 1) & slot_mask_) {
    uint64_t held = slots_[slot];
    if (held == 0) {
      entries_.push_back({key, sequence});
      slots_[slot] = tag | entries_.size();
      return true;
    }
    if ((held & 0xFFFFFFFF00000000ULL) != tag) continue;
    const CardKey& other = entries_[(held & 0xFFFFFFFFULL) - 1].key;
    if (big_endian_word(other, 0) == high && big_endian_word(other, 8) == low) return false;
  }
}

std::span<const ClaimCandidate> ClaimCandidates::sorted_by_key() {
  if (!sorted_) {
    std::vector<uint64_t>().swap(slots_);  // the lookups are over; free the table before sorting
    std::sort(entries_.begin(), entries_.end(), key_less);
    sorted_ = true;
  }
  return entries_;
}

}  // namespace cityclear::ingest
