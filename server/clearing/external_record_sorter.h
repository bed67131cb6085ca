#pragma once
// Sorts records by a 128-bit key in bounded memory: records are gathered into runs of a fixed
// size, each run is sorted in memory and spilled, with its keys, to an unlinked temporary file,
// and a k-way merge (a tree of losers, loser_tree.h) reads them back in order. Memory stays at
// about one run (run_records × sizeof(KeyedRecord)) plus a small read buffer per run, whatever
// the number of records. Equal keys come out in the order they were added.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <vector>

#include "clearing/clearing_record.h"

namespace cityclear::clearing {

struct RecordSortKey {
  uint64_t high = 0;
  uint64_t low = 0;
  friend auto operator<=>(const RecordSortKey&, const RecordSortKey&) = default;
};

class ExternalRecordSorter : public RecordSource {
 public:
  // Spill files are created (and at once unlinked) in `spill_directory`.
  ExternalRecordSorter(std::filesystem::path spill_directory, size_t run_records);
  ~ExternalRecordSorter() override;
  ExternalRecordSorter(const ExternalRecordSorter&) = delete;
  ExternalRecordSorter& operator=(const ExternalRecordSorter&) = delete;

  void add(const ClearingRecord& record, const RecordSortKey& key);
  // Ends the input; next() then yields every record added, by key (equal keys by arrival).
  void finish_input();
  bool next(ClearingRecord& record) override;

  int64_t record_count() const { return record_count_; }
  size_t spilled_runs() const { return runs_.size(); }

  struct KeyedRecord {
    RecordSortKey key;
    ClearingRecord record;
  };

 private:
  class SpilledRun;
  class RunMerger;
  struct SortEntry {  // a pending record's key and position, sorted in place of the record
    RecordSortKey key;
    uint64_t position = 0;
  };
  void sort_pending();
  void spill_pending();

  std::filesystem::path spill_directory_;
  size_t run_records_;
  std::vector<KeyedRecord> pending_;  // the run being gathered, then the last (in-memory) run
  std::vector<SortEntry> order_;      // pending_ by key
  size_t memory_position_ = 0;        // next of order_ when everything fitted in one run
  bool input_finished_ = false;
  int64_t record_count_ = 0;
  std::vector<std::unique_ptr<SpilledRun>> runs_;
  std::unique_ptr<RunMerger> merger_;
};

}  // namespace cityclear::clearing
