#pragma once
// Writes one settlement run into the settlement tables, inside the caller's transaction: the
// run, the rates it used, the files (entered first, their 1 MiB chunks streamed by binary COPY
// as they are made, their size and hash filled in afterwards), the positions, and the day's state.
#include <memory>
#include <vector>

#include <pqxx/dbtransaction>

#include "clearing/day_totals.h"
#include "clearing/participant_rates.h"
#include "clearing/position.h"
#include "clearing/written_file.h"
#include "common/local_time.h"
#include "store/binary_copy.h"

namespace cityclear::clearing {

class SettlementStore {
 public:
  SettlementStore(pqxx::dbtransaction& transaction, CivilDate day);

  void insert_run(const DayFigures& figures, const ParticipantRates& rates);
  // The rates, and one settlement_file row per file the run will write (CLR1 and RJT1 of every
  // participant, STL1), with placeholder size and hash.
  void insert_rates_and_files(const ParticipantRates& rates);
  // Starts the chunk COPY; until finish_chunks() the connection takes nothing else.
  void begin_chunks();
  void add_chunk(const FileChunk& chunk);
  void finish_chunks();
  void update_files(const std::vector<WrittenFile>& files);
  void insert_positions(const std::vector<Position>& positions);
  // Throws SettlementMismatch unless the day was closed.
  void mark_settled();

 private:
  pqxx::dbtransaction& transaction_;
  CivilDate day_;
  std::string day_text_;
  std::unique_ptr<store::BinaryCopyWriter> chunk_writer_;
};

}  // namespace cityclear::clearing
