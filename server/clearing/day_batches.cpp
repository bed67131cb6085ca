#include "clearing/day_batches.h"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include <pqxx/result>

#include "clearing/settlement_sql.h"

namespace cityclear::clearing {

DayBatches DayBatches::load(pqxx::dbtransaction& transaction, CivilDate day) {
  pqxx::result rows = transaction.exec_params(sql::select_day_batches, format_iso_date(day));
  DayBatches batches;
  batches.batches_.reserve(rows.size());
  std::vector<std::pair<std::string, int64_t>> by_id;  // (batch id + acquirer, batch_key)
  by_id.reserve(rows.size());
  for (const auto& row : rows) {
    int64_t batch_key = row[0].as<int64_t>();
    DayBatch& batch = batches.batches_[batch_key];
    std::string batch_id = row[2].is_null() ? std::string() : row[2].as<std::string>();
    batch.well_formed =
        !row[1].is_null() && row[1].as<int64_t>() >= 0 && batch_id.size() == batch_id_size;
    if (batch.well_formed) {
      batch.acquirer_code = static_cast<uint32_t>(row[1].as<int64_t>());
      std::memcpy(batch.batch_id.data(), batch_id.data(), batch_id_size);
    }
    char acquirer[11];
    std::snprintf(acquirer, sizeof acquirer, "%010u", batch.acquirer_code);
    by_id.emplace_back(batch_id + acquirer, batch_key);
  }
  std::sort(by_id.begin(), by_id.end());  // std::string compares bytes as unsigned: COLLATE "C"
  for (size_t rank = 0; rank < by_id.size(); ++rank) {
    batches.batches_[by_id[rank].second].rank = static_cast<uint32_t>(rank);
  }
  return batches;
}

}  // namespace cityclear::clearing
