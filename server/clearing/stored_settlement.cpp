#include "clearing/stored_settlement.h"

#include "clearing/settlement_sql.h"
#include "store/binary_copy.h"

namespace cityclear::clearing {

StoredSettlement::StoredSettlement(pqxx::dbtransaction& transaction, CivilDate day)
    : transaction_(transaction), day_text_(format_iso_date(day)), day_(day) {}

std::optional<DayState> StoredSettlement::day_state() {
  pqxx::result rows = transaction_.exec_params(sql::select_day_state, day_text_);
  if (rows.empty()) return std::nullopt;
  return parse_day_state(rows[0][0].as<std::string>());
}

std::optional<SettlementResult> StoredSettlement::load() {
  if (day_state() != DayState::settled) return std::nullopt;
  pqxx::result run = transaction_.exec_params(sql::select_run, day_text_);
  if (run.empty())
    throw SettlementMismatch("clearing day " + day_text_ + " is settled but has no stored run");
  SettlementResult result;
  result.day = day_;
  result.already_settled = true;
  result.record_count = run[0][0].as<int64_t>();
  result.accepted_count = run[0][1].as<int64_t>();
  result.positions = positions();
  result.files = files();
  return result;
}

std::vector<Position> StoredSettlement::positions() {
  std::vector<Position> positions;
  for (const auto& row : transaction_.exec_params(sql::select_positions, day_text_)) {
    positions.push_back(Position{row[0].as<uint32_t>(), row[1].as<int64_t>(), row[2].as<int64_t>(),
                                 row[3].as<int64_t>(), row[4].as<int64_t>()});
  }
  return positions;
}

std::vector<SettlementFileInfo> StoredSettlement::files() {
  std::vector<SettlementFileInfo> files;
  for (const auto& row : transaction_.exec_params(sql::select_files, day_text_)) {
    SettlementFileInfo file;
    file.name = row[0].as<std::string>();
    file.kind = row[1].as<std::string>();
    if (!row[2].is_null()) file.participant_code = row[2].as<uint32_t>();
    file.sha256_hex = row[3].as<std::string>();
    for (char& c : file.sha256_hex)
      c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    file.size_bytes = row[4].as<int64_t>();
    files.push_back(std::move(file));
  }
  return files;
}

std::vector<StoredChunkSizes> StoredSettlement::chunk_sizes() {
  std::vector<StoredChunkSizes> sizes;
  for (const auto& row : transaction_.exec_params(sql::select_stored_chunk_sizes, day_text_)) {
    sizes.push_back(
        StoredChunkSizes{row[0].as<std::string>(), row[1].as<int64_t>(), row[2].as<int64_t>()});
  }
  return sizes;
}

bool StoredSettlement::stream_file(std::string_view name,
                                   const std::function<void(std::string_view)>& sink) {
  std::string name_text(name);
  pqxx::result file = transaction_.exec_params(sql::select_file, day_text_, name_text);
  if (file.empty()) return false;
  int64_t size_bytes = file[0][0].as<int64_t>();
  int32_t chunk_count = file[0][1].as<int32_t>();
  transaction_.exec_params(sql::set_file_day, day_text_);
  transaction_.exec_params(sql::set_file_name, name_text);
  store::BinaryCopyReader reader(transaction_, sql::copy_stored_file);
  int32_t expected_chunk = 0;
  int64_t streamed_bytes = 0;
  while (reader.next_row()) {
    int32_t chunk_number = reader.read_int32();
    std::string_view bytes = reader.read_bytes();
    if (chunk_number != expected_chunk)
      throw SettlementMismatch("stored file " + name_text + " lacks a chunk");
    ++expected_chunk;
    streamed_bytes += static_cast<int64_t>(bytes.size());
    sink(bytes);
  }
  if (expected_chunk != chunk_count || streamed_bytes != size_bytes) {
    throw SettlementMismatch("stored file " + name_text + " does not have its stored size");
  }
  return true;
}

}  // namespace cityclear::clearing
