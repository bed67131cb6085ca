#pragma once
// Reads what a settlement run stored: the day's state, the run's figures, positions and files,
// and a file's bytes chunk by chunk (binary COPY, one 1 MiB chunk in memory at a time).
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <pqxx/dbtransaction>
#include <pqxx/result>

#include "clearing/day_close.h"
#include "clearing/settlement_service.h"

namespace cityclear::clearing {

struct StoredChunkSizes {
  std::string name;
  int64_t chunk_count = 0;
  int64_t size_bytes = 0;
};

class StoredSettlement {
 public:
  StoredSettlement(pqxx::dbtransaction& transaction, CivilDate day);

  std::optional<DayState> day_state();
  // The stored result of a settled day (already_settled set); empty unless the day is settled.
  std::optional<SettlementResult> load();
  std::vector<Position> positions();            // the center first, then by code
  std::vector<SettlementFileInfo> files();      // by name
  std::vector<StoredChunkSizes> chunk_sizes();  // what the chunk table holds per file, by name
  // Streams a stored file's bytes in order; false when there is no such file. Throws
  // SettlementMismatch when its chunks are not 0..n-1 or do not add up to its size.
  bool stream_file(std::string_view name, const std::function<void(std::string_view)>& sink);

 private:
  pqxx::dbtransaction& transaction_;
  std::string day_text_;
  CivilDate day_;
};

}  // namespace cityclear::clearing
