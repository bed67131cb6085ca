#pragma once
// Recently seen records to send again: accepted ones (their repeats are duplicates, 03) and
// rejected ones (grey or bad TAC; a corrected re-send of those is accepted, since only accepted
// records count for duplicates). A bounded ring: the oldest make room for the newest.
#include <cstddef>
#include <optional>
#include <vector>

#include "gen/rng.h"
#include "gen/tb1_record.h"

namespace cityclear::gen {

class RecordPool {
 public:
  explicit RecordPool(size_t capacity) : capacity_(capacity) {}
  bool empty() const { return records_.empty(); }
  void add(const Tb1Record& record) {
    if (records_.size() < capacity_) {
      records_.push_back(record);
    } else {
      records_[next_] = record;
      next_ = (next_ + 1) % capacity_;
    }
  }
  // A random record, left in the pool.
  const Tb1Record& pick(Rng& rng) const { return records_[rng.below(records_.size())]; }
  // A random record, taken out of the pool.
  Tb1Record take(Rng& rng) {
    size_t index = static_cast<size_t>(rng.below(records_.size()));
    Tb1Record record = records_[index];
    records_[index] = records_.back();
    records_.pop_back();
    next_ = records_.empty() ? 0 : next_ % records_.size();
    return record;
  }

 private:
  size_t capacity_;
  size_t next_ = 0;
  std::vector<Tb1Record> records_;
};

}  // namespace cityclear::gen
