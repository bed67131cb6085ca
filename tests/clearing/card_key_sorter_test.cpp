#include <catch2/catch.hpp>

#include <algorithm>
#include <random>

#include "clearing/card_key_sorter.h"
#include "clearing/support/record_fixture.h"
#include "support/test_paths.h"

using namespace cityclear::clearing;

namespace {

std::vector<ClearingRecord> shuffled_records(size_t count, unsigned seed) {
  std::vector<ClearingRecord> records;
  for (size_t index = 0; index < count; ++index) {
    uint32_t issuer = 31000001 + static_cast<uint32_t>(index % 5) * 1000000;
    std::string serial = std::to_string(index / 3);
    std::string asn = "1234" + std::string(16 - serial.size(), '0') + serial;
    records.push_back(testing::make_record(0, "SORT0000000000000001", 33010001,
                                           static_cast<uint32_t>(index + 1), issuer, asn,
                                           static_cast<uint32_t>((index * 40503) % 65536), 100, 0));
  }
  std::shuffle(records.begin(), records.end(), std::mt19937(seed));
  return records;
}

std::vector<ClearingRecord> sort_all(const std::vector<ClearingRecord>& records,
                                     size_t run_records) {
  CardKeySorter sorter(cityclear::testing::scratch_dir("clearing-sorter"), run_records);
  for (const auto& record : records) sorter.add(record);
  sorter.finish_input();
  std::vector<ClearingRecord> sorted;
  ClearingRecord record;
  while (sorter.next(record)) sorted.push_back(record);
  CHECK(sorter.record_count() == static_cast<int64_t>(records.size()));
  return sorted;
}

bool same_records(const std::vector<ClearingRecord>& left,
                  const std::vector<ClearingRecord>& right) {
  return left.size() == right.size() &&
         std::equal(left.begin(), left.end(), right.begin(), [](const auto& a, const auto& b) {
           return a.card_key == b.card_key && a.sequence == b.sequence &&
                  a.card_counter == b.card_counter;
         });
}

}  // namespace

TEST_CASE("records come out by card key whether they fit in one run or spill into many",
          "[clearing][sort]") {
  auto records = shuffled_records(10007, 42);
  auto expected = records;
  std::stable_sort(expected.begin(), expected.end(),
                   [](const auto& a, const auto& b) { return a.card_key < b.card_key; });
  CHECK(same_records(sort_all(records, 1 << 20), expected));  // one run in memory
  CHECK(same_records(sort_all(records, 1000), expected));     // 11 spilled runs, merged
  CHECK(same_records(sort_all(records, 50), expected));       // 201 runs
  CHECK(sort_all({}, 1000).empty());
}

TEST_CASE("spill files leave nothing behind in their folder", "[clearing][sort]") {
  auto directory = cityclear::testing::scratch_dir("clearing-sorter-spill");
  {
    CardKeySorter sorter(directory, 100);
    for (const auto& record : shuffled_records(1000, 7)) sorter.add(record);
    CHECK(sorter.spilled_runs() == 9);
    sorter.finish_input();
    CHECK(sorter.spilled_runs() == 10);
    CHECK(std::filesystem::is_empty(directory));
  }
  CHECK(std::filesystem::is_empty(directory));
}
