#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <random>
#include <set>
#include <vector>

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

TEST_CASE("the first occurrence of a key is the candidate, a repeat is returned") {
  ClaimCandidates candidates(4);
  candidates.add(key_of(1, 2), 1);
  candidates.add(key_of(1, 3), 2);
  candidates.add(key_of(1, 2), 3);
  candidates.add(key_of(0, 2), 4);
  CHECK(candidates.size() == 4);
  CHECK(candidates.keep_first_occurrences() == std::vector<uint32_t>{3});
  auto sorted = candidates.sorted_by_key();
  REQUIRE(sorted.size() == 3);
  CHECK(sorted[0].sequence == 4);  // keys compare as bytes, most significant first
  CHECK(sorted[1].sequence == 1);
  CHECK(sorted[2].sequence == 2);
}

TEST_CASE("a file without candidates has no repeats and nothing to claim") {
  ClaimCandidates candidates(0);
  CHECK(candidates.keep_first_occurrences().empty());
  CHECK(candidates.sorted_by_key().empty());
}

TEST_CASE("a key repeated many times keeps its earliest sequence; the rest come back ascending") {
  ClaimCandidates candidates(100);
  for (uint32_t sequence = 1; sequence <= 100; ++sequence) {
    candidates.add(sequence % 2 == 0 ? key_of(7, 7) : key_of(9, sequence), sequence);
  }
  std::vector<uint32_t> repeats = candidates.keep_first_occurrences();
  REQUIRE(repeats.size() == 49);
  CHECK(std::is_sorted(repeats.begin(), repeats.end()));
  CHECK(repeats.front() == 4);
  CHECK(repeats.back() == 100);
  auto sorted = candidates.sorted_by_key();
  REQUIRE(sorted.size() == 51);
  CHECK(sorted[0].key == key_of(7, 7));
  CHECK(sorted[0].sequence == 2);
}

TEST_CASE("keys differing only in the last byte, or only in the first, stay apart") {
  ClaimCandidates candidates(512);
  for (uint64_t i = 0; i < 256; ++i)
    candidates.add(key_of(0x3301000112345678, i), static_cast<uint32_t>(i + 1));
  for (uint64_t i = 1; i < 256; ++i)
    candidates.add(key_of(i << 56, 0), static_cast<uint32_t>(300 + i));
  candidates.add(key_of(0x3301000112345678, 255), 999);
  CHECK(candidates.keep_first_occurrences() == std::vector<uint32_t>{999});
  CHECK(candidates.sorted_by_key().size() == 511);
}

TEST_CASE(
    "a hundred thousand keys with repeats: as many candidates as distinct keys, sorted, first "
    "sequence kept") {
  std::mt19937_64 random(42);
  const uint32_t records = 100000;
  ClaimCandidates candidates(records);
  std::map<CardKey, uint32_t> first_sequence;
  std::vector<uint32_t> expected_repeats;
  for (uint32_t sequence = 1; sequence <= records; ++sequence) {
    CardKey key = key_of(0x5201000100000000 | (random() % 20000), random() % 4);
    if (!first_sequence.emplace(key, sequence).second) expected_repeats.push_back(sequence);
    candidates.add(key, sequence);
  }
  CHECK(candidates.keep_first_occurrences() == expected_repeats);
  auto sorted = candidates.sorted_by_key();
  REQUIRE(sorted.size() == first_sequence.size());
  size_t index = 0;
  for (const auto& [key, sequence] : first_sequence) {
    CHECK(sorted[index].key == key);
    CHECK(sorted[index].sequence == sequence);
    ++index;
  }
}
