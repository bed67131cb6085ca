#pragma once
// Sorts records by a 128-bit key in bounded memory: records are gathered into runs of a fixed
// size, each run is sorted in memory and spilled, with its keys, to an unlinked temporary file,
// and a k-way merge (a tree of losers, loser_tree.h) reads them back in order. A full run is
// sorted and spilled on a thread of its own while the next one is gathered, so that the caller
// (reading a COPY) never stalls its producer for long. Memory stays at about two runs
// (run_records × sizeof(KeyedRecord) each) plus a small read buffer per run, whatever the number
// of records. Equal keys come out in the order they were added.
#include <cstdint>
#include <filesystem>
#include <future>
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
  // Runs spilled or being spilled.
  size_t spilled_runs() const { return runs_.size() + (spill_in_flight_.valid() ? 1 : 0); }

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
  static void sort_run(const std::vector<KeyedRecord>& records, std::vector<SortEntry>& order);
  static std::unique_ptr<SpilledRun> spill_run(const std::filesystem::path& directory,
                                               const std::vector<KeyedRecord>& records,
                                               std::vector<SortEntry>& order);
  void start_spill();
  void collect_spill();

  std::filesystem::path spill_directory_;
  size_t run_records_;
  std::vector<KeyedRecord> pending_;   // the run being gathered, then the last (in-memory) run
  std::vector<SortEntry> order_;       // pending_ by key, when everything fitted in one run
  std::vector<KeyedRecord> spilling_;  // the run being spilled
  std::vector<SortEntry> spill_order_;
  size_t memory_position_ = 0;  // next of order_ when everything fitted in one run
  bool input_finished_ = false;
  int64_t record_count_ = 0;
  std::vector<std::unique_ptr<SpilledRun>> runs_;
  std::future<std::unique_ptr<SpilledRun>> spill_in_flight_;  // uses spilling_: declared after it
  std::unique_ptr<RunMerger> merger_;
};

}  // namespace cityclear::clearing
