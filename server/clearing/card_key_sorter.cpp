#include "clearing/card_key_sorter.h"

#include <fcntl.h>
#include <unistd.h>
#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <tuple>
#include <type_traits>

#include "common/check.h"

namespace cityclear::clearing {
namespace {

static_assert(std::is_trivially_copyable_v<ClearingRecord>, "records are spilled as raw bytes");
constexpr size_t block_records = 2048;  // records written or read back at a time, per run

uint64_t big_endian_word(const uint8_t* bytes) {
  uint64_t value = 0;
  for (int index = 0; index < 8; ++index) value = (value << 8) | bytes[index];
  return value;
}

std::runtime_error spill_error(const std::string& what) {
  return std::runtime_error("card key sort: " + what + ": " + std::strerror(errno));
}

void write_all(int descriptor, const char* bytes, size_t length) {
  for (size_t done = 0; done < length;) {
    ssize_t written = ::write(descriptor, bytes + done, length - done);
    if (written < 0 && errno == EINTR) continue;
    if (written < 0) throw spill_error("cannot write a spill file");
    done += static_cast<size_t>(written);
  }
}

}  // namespace

struct CardKeySorter::Run {
  int descriptor = -1;
  off_t read_offset = 0;
  off_t size_bytes = 0;
  std::vector<ClearingRecord> buffer;
  size_t position = 0;
  ~Run() {
    if (descriptor >= 0) ::close(descriptor);
  }
};

CardKeySorter::CardKeySorter(std::filesystem::path spill_directory, size_t run_records)
    : spill_directory_(std::move(spill_directory)), run_records_(run_records) {
  CITYCLEAR_CHECK(run_records_ > 0, "a sort run must hold records");
  pending_.reserve(run_records_);
}

CardKeySorter::~CardKeySorter() = default;

void CardKeySorter::add(const ClearingRecord& record) {
  CITYCLEAR_CHECK(!input_finished_, "record added after the sort input ended");
  if (pending_.size() == run_records_) spill_pending();
  pending_.push_back(record);
  ++record_count_;
}

void CardKeySorter::sort_pending() {
  order_.resize(pending_.size());
  for (size_t index = 0; index < pending_.size(); ++index) {
    const uint8_t* key = pending_[index].card_key.data();
    order_[index] = SortEntry{big_endian_word(key), big_endian_word(key + 8), index};
  }
  std::sort(order_.begin(), order_.end(),
            [](const SortEntry& left, const SortEntry& right) { return comes_before(left, right); });
}

void CardKeySorter::spill_pending() {
  sort_pending();
  std::string pattern = (spill_directory_ / ".card-key-sort-XXXXXX").string();
  int descriptor = ::mkstemp(pattern.data());
  if (descriptor < 0) throw spill_error("cannot create a spill file in " + spill_directory_.string());
  ::unlink(pattern.c_str());  // nothing is left behind, whatever happens next
  auto run = std::make_unique<Run>();
  run->descriptor = descriptor;
  std::vector<ClearingRecord> block;
  block.reserve(block_records);
  for (size_t start = 0; start < order_.size(); start += block_records) {
    block.clear();
    size_t end = std::min(order_.size(), start + block_records);
    for (size_t index = start; index < end; ++index) block.push_back(pending_[order_[index].order]);
    write_all(descriptor, reinterpret_cast<const char*>(block.data()), block.size() * sizeof(ClearingRecord));
    run->size_bytes += static_cast<off_t>(block.size() * sizeof(ClearingRecord));
  }
  runs_.push_back(std::move(run));
  pending_.clear();
  order_.clear();
}

void CardKeySorter::finish_input() {
  CITYCLEAR_CHECK(!input_finished_, "sort input ended twice");
  input_finished_ = true;
  if (runs_.empty()) {
    sort_pending();  // everything fitted in one run: no spill, no merge
    return;
  }
  if (!pending_.empty()) spill_pending();
  std::vector<ClearingRecord>().swap(pending_);
  for (size_t index = 0; index < runs_.size(); ++index) {
    if (refill(index)) push_heap_entry(index);
  }
}

bool CardKeySorter::refill(size_t run_index) {
  Run& run = *runs_[run_index];
  if (run.read_offset == run.size_bytes) return false;
  size_t count =
      std::min<size_t>(block_records, static_cast<size_t>(run.size_bytes - run.read_offset) / sizeof(ClearingRecord));
  run.buffer.resize(count);
  size_t length = count * sizeof(ClearingRecord);
  char* bytes = reinterpret_cast<char*>(run.buffer.data());
  for (size_t done = 0; done < length;) {
    ssize_t got = ::pread(run.descriptor, bytes + done, length - done, run.read_offset + static_cast<off_t>(done));
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) throw spill_error("cannot read a spill file back");
    done += static_cast<size_t>(got);
  }
  run.read_offset += static_cast<off_t>(length);
  run.position = 0;
  return true;
}

void CardKeySorter::push_heap_entry(size_t run_index) {
  const Run& run = *runs_[run_index];
  const uint8_t* key = run.buffer[run.position].card_key.data();
  heap_.push_back(SortEntry{big_endian_word(key), big_endian_word(key + 8), run_index});
  std::push_heap(heap_.begin(), heap_.end(),
                 [](const SortEntry& left, const SortEntry& right) { return comes_after(left, right); });
}

bool CardKeySorter::next(ClearingRecord& record) {
  CITYCLEAR_CHECK(input_finished_, "sorted records read before the sort input ended");
  if (runs_.empty()) {
    if (memory_position_ == order_.size()) return false;
    record = pending_[order_[memory_position_++].order];
    return true;
  }
  if (heap_.empty()) return false;
  std::pop_heap(heap_.begin(), heap_.end(),
                [](const SortEntry& left, const SortEntry& right) { return comes_after(left, right); });
  size_t run_index = heap_.back().order;
  heap_.pop_back();
  Run& run = *runs_[run_index];
  record = run.buffer[run.position++];
  if (run.position < run.buffer.size() || refill(run_index)) push_heap_entry(run_index);
  return true;
}

}  // namespace cityclear::clearing
