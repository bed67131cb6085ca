#include "clearing/external_record_sorter.h"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <stdexcept>
#include <type_traits>
#include <unistd.h>

#include "clearing/loser_tree.h"
#include "common/check.h"

namespace cityclear::clearing {
namespace {

using KeyedRecord = ExternalRecordSorter::KeyedRecord;
static_assert(std::is_trivially_copyable_v<KeyedRecord>, "records are spilled as raw bytes");
constexpr size_t block_records = 2048;  // records written or read back at a time, per run

std::runtime_error spill_error(const std::string& what) {
  return std::runtime_error("record sort: " + what + ": " + std::strerror(errno));
}

void write_all(int descriptor, const char* bytes, size_t length) {
  for (size_t done = 0; done < length;) {
    ssize_t written = ::write(descriptor, bytes + done, length - done);
    if (written < 0 && errno == EINTR) continue;
    if (written < 0) throw spill_error("cannot write a spill file");
    done += static_cast<size_t>(written);
  }
}

void read_all(int descriptor, char* bytes, size_t length, off_t offset) {
  for (size_t done = 0; done < length;) {
    ssize_t got =
        ::pread(descriptor, bytes + done, length - done, offset + static_cast<off_t>(done));
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) throw spill_error("cannot read a spill file back");
    done += static_cast<size_t>(got);
  }
}

}  // namespace

// One sorted run in an unlinked temporary file, read back a block at a time.
class ExternalRecordSorter::SpilledRun {
 public:
  explicit SpilledRun(const std::filesystem::path& directory) {
    std::string pattern = (directory / ".record-sort-XXXXXX").string();
    descriptor_ = ::mkstemp(pattern.data());
    if (descriptor_ < 0) throw spill_error("cannot create a spill file in " + directory.string());
    ::unlink(pattern.c_str());  // nothing is left behind, whatever happens next
  }
  ~SpilledRun() { ::close(descriptor_); }
  SpilledRun(const SpilledRun&) = delete;
  SpilledRun& operator=(const SpilledRun&) = delete;

  void append(const std::vector<KeyedRecord>& block) {
    size_t length = block.size() * sizeof(KeyedRecord);
    write_all(descriptor_, reinterpret_cast<const char*>(block.data()), length);
    size_bytes_ += static_cast<off_t>(length);
  }
  bool exhausted() const { return position_ == buffer_.size() && read_offset_ == size_bytes_; }
  const KeyedRecord& head() const { return buffer_[position_]; }
  // Moves past the head (reading the next block when needed); false when the run is exhausted.
  bool advance() {
    if (++position_ < buffer_.size()) return true;
    return refill();
  }
  // Reads the next block; false at the end of the run.
  bool refill() {
    position_ = 0;
    size_t left = static_cast<size_t>(size_bytes_ - read_offset_) / sizeof(KeyedRecord);
    buffer_.resize(std::min(block_records, left));
    size_t length = buffer_.size() * sizeof(KeyedRecord);
    if (length > 0)
      read_all(descriptor_, reinterpret_cast<char*>(buffer_.data()), length, read_offset_);
    read_offset_ += static_cast<off_t>(length);
    return !buffer_.empty();
  }

 private:
  int descriptor_ = -1;
  off_t size_bytes_ = 0;
  off_t read_offset_ = 0;
  std::vector<KeyedRecord> buffer_;
  size_t position_ = 0;
};

// Merges the spilled runs by key; on equal keys the earlier run (the earlier record) first. The
// head key of every run is kept in one flat array, which the tree's matches compare.
class ExternalRecordSorter::RunMerger {
 public:
  explicit RunMerger(std::vector<std::unique_ptr<SpilledRun>>& runs)
      : runs_(runs), heads_(runs.size()) {
    for (size_t index = 0; index < runs_.size(); ++index) {
      runs_[index]->refill();
      update_head(index);
    }
    tree_.build(runs_.size(), [this](size_t left, size_t right) { return beats(left, right); });
  }
  bool next(ClearingRecord& record) {
    if (runs_.empty()) return false;
    size_t winner = tree_.winner();
    if (heads_[winner].exhausted) return false;
    SpilledRun& run = *runs_[winner];
    record = run.head().record;
    run.advance();
    update_head(winner);
    tree_.replay([this](size_t left, size_t right) { return beats(left, right); });
    return true;
  }

 private:
  struct Head {
    RecordSortKey key;
    bool exhausted = false;
  };
  void update_head(size_t index) {
    heads_[index].exhausted = runs_[index]->exhausted();
    if (!heads_[index].exhausted) heads_[index].key = runs_[index]->head().key;
  }
  bool beats(size_t left, size_t right) const {
    const Head& left_head = heads_[left];
    const Head& right_head = heads_[right];
    if (left_head.exhausted != right_head.exhausted) return right_head.exhausted;
    if (left_head.key.high != right_head.key.high) return left_head.key.high < right_head.key.high;
    if (left_head.key.low != right_head.key.low) return left_head.key.low < right_head.key.low;
    return left < right;
  }

  std::vector<std::unique_ptr<SpilledRun>>& runs_;
  std::vector<Head> heads_;
  LoserTree tree_;
};

ExternalRecordSorter::ExternalRecordSorter(std::filesystem::path spill_directory,
                                           size_t run_records)
    : spill_directory_(std::move(spill_directory)), run_records_(run_records) {
  CITYCLEAR_CHECK(run_records_ > 0, "a sort run must hold records");
}

ExternalRecordSorter::~ExternalRecordSorter() = default;

void ExternalRecordSorter::add(const ClearingRecord& record, const RecordSortKey& key) {
  CITYCLEAR_CHECK(!input_finished_, "record added after the sort input ended");
  if (pending_.size() == run_records_) start_spill();
  if (pending_.capacity() == 0) pending_.reserve(std::min<size_t>(run_records_, 1 << 16));
  pending_.push_back(KeyedRecord{key, record});
  ++record_count_;
}

void ExternalRecordSorter::sort_run(const std::vector<KeyedRecord>& records,
                                    std::vector<SortEntry>& order) {
  order.resize(records.size());
  for (size_t index = 0; index < order.size(); ++index)
    order[index] = SortEntry{records[index].key, index};
  std::sort(order.begin(), order.end(), [](const SortEntry& left, const SortEntry& right) {
    if (left.key.high != right.key.high) return left.key.high < right.key.high;
    if (left.key.low != right.key.low) return left.key.low < right.key.low;
    return left.position < right.position;
  });
}

std::unique_ptr<ExternalRecordSorter::SpilledRun> ExternalRecordSorter::spill_run(
    const std::filesystem::path& directory, const std::vector<KeyedRecord>& records,
    std::vector<SortEntry>& order) {
  sort_run(records, order);
  auto run = std::make_unique<SpilledRun>(directory);
  std::vector<KeyedRecord> block;
  block.reserve(block_records);
  for (size_t start = 0; start < order.size(); start += block_records) {
    block.clear();
    size_t end = std::min(order.size(), start + block_records);
    for (size_t index = start; index < end; ++index)
      block.push_back(records[order[index].position]);
    run->append(block);
  }
  return run;
}

// Hands the full pending run to a spilling thread (after the previous one is done).
void ExternalRecordSorter::start_spill() {
  collect_spill();
  spilling_.swap(pending_);
  pending_.clear();
  spill_in_flight_ = std::async(
      std::launch::async, [this] { return spill_run(spill_directory_, spilling_, spill_order_); });
}

void ExternalRecordSorter::collect_spill() {
  if (spill_in_flight_.valid()) runs_.push_back(spill_in_flight_.get());
}

void ExternalRecordSorter::finish_input() {
  CITYCLEAR_CHECK(!input_finished_, "sort input ended twice");
  input_finished_ = true;
  collect_spill();
  if (runs_.empty()) {
    sort_run(pending_, order_);  // everything fitted in one run: no spill, no merge
    return;
  }
  if (!pending_.empty()) runs_.push_back(spill_run(spill_directory_, pending_, spill_order_));
  std::vector<KeyedRecord>().swap(pending_);
  std::vector<KeyedRecord>().swap(spilling_);
  std::vector<SortEntry>().swap(spill_order_);
  merger_ = std::make_unique<RunMerger>(runs_);
}

bool ExternalRecordSorter::next(ClearingRecord& record) {
  CITYCLEAR_CHECK(input_finished_, "sorted records read before the sort input ended");
  if (merger_) return merger_->next(record);
  if (memory_position_ == order_.size()) return false;
  record = pending_[order_[memory_position_++].position].record;
  return true;
}

}  // namespace cityclear::clearing
