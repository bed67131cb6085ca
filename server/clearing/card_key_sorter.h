#pragma once
// Sorts a day's accepted records by card key (issuer, ASN, counter) in bounded memory: records
// are gathered into runs of a fixed size, each run is sorted in memory and spilled to an
// unlinked temporary file, and a k-way merge reads them back in order. Memory stays at about one
// run (run_records × sizeof(ClearingRecord)) plus a small read buffer per run, whatever the day.
//
// Why not ORDER BY card_key in PostgreSQL: measured on the 2-core machine this project targets,
// PostgreSQL 15 sorts uuid keys at about 5 µs a row (card keys share long prefixes, so
// abbreviated keys are abandoned and every comparison chases a pointer), which alone exceeds the
// settlement budget at 10 M records; comparing two 64-bit integers in place is far cheaper.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <vector>

#include "clearing/clearing_record.h"

namespace cityclear::clearing {

class CardKeySorter : public RecordSource {
 public:
  static constexpr size_t default_run_records = size_t{1} << 18;

  // Spill files are created (and at once unlinked) in `spill_directory`.
  explicit CardKeySorter(std::filesystem::path spill_directory, size_t run_records = default_run_records);
  ~CardKeySorter() override;
  CardKeySorter(const CardKeySorter&) = delete;
  CardKeySorter& operator=(const CardKeySorter&) = delete;

  void add(const ClearingRecord& record);
  // Ends the input; next() then yields every record added, by card key (equal keys by arrival).
  void finish_input();
  bool next(ClearingRecord& record) override;

  int64_t record_count() const { return record_count_; }
  size_t spilled_runs() const { return runs_.size(); }

 private:
  struct Run;
  struct SortEntry {
    uint64_t high = 0;
    uint64_t low = 0;
    uint64_t order = 0;  // position in the run, or run number in the merge: equal keys keep arrival order
  };
  static bool comes_before(const SortEntry& left, const SortEntry& right) {
    if (left.high != right.high) return left.high < right.high;
    if (left.low != right.low) return left.low < right.low;
    return left.order < right.order;
  }
  // The merge heap's order: the smallest on top.
  static bool comes_after(const SortEntry& left, const SortEntry& right) { return comes_before(right, left); }
  void sort_pending();
  void spill_pending();
  bool refill(size_t run_index);
  void push_heap_entry(size_t run_index);

  std::filesystem::path spill_directory_;
  size_t run_records_;
  std::vector<ClearingRecord> pending_;  // the run being gathered, then the last (in-memory) run
  std::vector<SortEntry> order_;         // pending_ sorted
  size_t memory_position_ = 0;           // next of order_ when everything fitted in one run
  bool input_finished_ = false;
  int64_t record_count_ = 0;
  std::vector<std::unique_ptr<Run>> runs_;
  std::vector<SortEntry> heap_;  // the current record's key of every unfinished run; order = run index
};

}  // namespace cityclear::clearing
