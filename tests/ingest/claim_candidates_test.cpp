#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <random>
#include <set>

#include "ingest/claim_candidates.h"

using cityclear::ingest::CardKey;
using cityclear::ingest::ClaimCandidates;

namespace {

CardKey key_of(uint64_t high, uint64_t low) {
  CardKey key{};
  for (int i = 0; i < 8; ++i) {
    key[i] = static_cast<uint8_t>(high >> (56 - 8 * i));
    key[8 + i] = static_cast<uint8_t>(low >> (56 - 8 * i));
  }
  return key;
}

}  // namespace

TEST_CASE("the first occurrence of a key is the candidate, a repeat is not") {
  ClaimCandidates candidates(4);
  CHECK(candidates.add(key_of(1, 2), 1));
  CHECK(candidates.add(key_of(1, 3), 2));
  CHECK_FALSE(candidates.add(key_of(1, 2), 3));
  CHECK(candidates.add(key_of(0, 2), 4));
  CHECK(candidates.size() == 3);
  auto sorted = candidates.sorted_by_key();
  REQUIRE(sorted.size() == 3);
  CHECK(sorted[0].sequence == 4);  // keys compare as bytes, most significant first
  CHECK(sorted[1].sequence == 1);
  CHECK(sorted[2].sequence == 2);
}

TEST_CASE("keys differing only in the last byte, or only in the first, stay apart") {
  ClaimCandidates candidates(512);
  for (uint64_t i = 0; i < 256; ++i) CHECK(candidates.add(key_of(0x3301000112345678, i), static_cast<uint32_t>(i + 1)));
  for (uint64_t i = 1; i < 256; ++i) CHECK(candidates.add(key_of(i << 56, 0), static_cast<uint32_t>(300 + i)));
  CHECK_FALSE(candidates.add(key_of(0x3301000112345678, 255), 999));
  CHECK(candidates.size() == 511);
}

TEST_CASE("a hundred thousand keys with repeats: as many candidates as distinct keys, sorted, first sequence kept") {
  std::mt19937_64 random(42);
  const uint32_t records = 100000;
  ClaimCandidates candidates(records);
  std::map<CardKey, uint32_t> first_sequence;
  for (uint32_t sequence = 1; sequence <= records; ++sequence) {
    CardKey key = key_of(0x5201000100000000 | (random() % 20000), random() % 4);
    bool is_new = first_sequence.emplace(key, sequence).second;
    CHECK(candidates.add(key, sequence) == is_new);
  }
  auto sorted = candidates.sorted_by_key();
  REQUIRE(sorted.size() == first_sequence.size());
  size_t index = 0;
  for (const auto& [key, sequence] : first_sequence) {
    CHECK(sorted[index].key == key);
    CHECK(sorted[index].sequence == sequence);
    ++index;
  }
}
