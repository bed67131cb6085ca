#include "clearing/run_readback.h"

#include "clearing/position_balance.h"

namespace cityclear::clearing {

void check_stored_run(StoredSettlement& stored, const DayFiles& day_files) {
  std::vector<Position> positions = stored.positions();
  std::string problem = position_balance_problem(positions);
  if (!problem.empty()) throw SettlementMismatch("stored positions read back: " + problem);
  if (positions != day_files.positions)
    throw SettlementMismatch("stored positions read back differ from the computed ones");
  std::vector<StoredChunkSizes> sizes = stored.chunk_sizes();
  if (sizes.size() != day_files.files.size())
    throw SettlementMismatch("stored files read back differ in number");
  for (size_t index = 0; index < sizes.size(); ++index) {
    const WrittenFile& file = day_files.files[index];
    const StoredChunkSizes& stored_sizes = sizes[index];
    if (stored_sizes.name != file.name || stored_sizes.chunk_count != file.chunk_count ||
        stored_sizes.size_bytes != file.size_bytes) {
      throw SettlementMismatch("stored chunks of " + file.name +
                               " read back differ from the written file");
    }
  }
}

}  // namespace cityclear::clearing
