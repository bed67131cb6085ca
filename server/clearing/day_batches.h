#pragma once
// The batches (accepted TB1 files) of a day, loaded once per run. Records are read with their
// batch_key and take their batch id from here, which is cheaper than joining `batch` for each of
// millions of records; and each batch gets its rank in the reject files' order (batch id in byte
// order; the acquirer apart equal ids, which never share a file), so that the rejected records
// sort by (rank, sequence).
#include <array>
#include <cstdint>
#include <unordered_map>

#include <pqxx/dbtransaction>

#include "clearing/clearing_record.h"
#include "common/local_time.h"

namespace cityclear::clearing {

struct DayBatch {
  std::array<char, batch_id_size> batch_id{};
  uint32_t acquirer_code = 0;
  uint32_t rank = 0;         // by (batch id, acquirer) among the day's batches
  bool well_formed = false;  // acquirer and a batch id of batch_id_size characters present
};

class DayBatches {
 public:
  static DayBatches load(pqxx::dbtransaction& transaction, CivilDate day);
  // nullptr when the day has no batch with that key.
  const DayBatch* find(int64_t batch_key) const {
    auto found = batches_.find(batch_key);
    return found == batches_.end() ? nullptr : &found->second;
  }
  size_t size() const { return batches_.size(); }

 private:
  std::unordered_map<int64_t, DayBatch> batches_;
};

}  // namespace cityclear::clearing
