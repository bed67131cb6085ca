#include "clearing/settlement_service.h"

#include <chrono>

#include <pqxx/transaction>
#include <spdlog/spdlog.h>

#include "clearing/day_close.h"
#include "clearing/day_files.h"
#include "clearing/day_ledger.h"
#include "clearing/day_lock.h"
#include "clearing/day_totals_query.h"
#include "clearing/file_names.h"
#include "clearing/file_publisher.h"
#include "clearing/participant_check.h"
#include "clearing/record_copy_stream.h"
#include "clearing/record_stream_mismatch.h"
#include "clearing/run_readback.h"
#include "clearing/settled_day_check.h"
#include "clearing/settlement_sql.h"
#include "clearing/settlement_store.h"
#include "clearing/stored_settlement.h"
#include "common/hex.h"
#include "common/metrics.h"

namespace cityclear::clearing {
namespace {

void report(const SettlementProgress& progress, std::string_view step, int64_t done, int64_t total) {
  if (progress) progress(step, done, total);
}

std::vector<SettlementFileInfo> file_infos(const std::vector<WrittenFile>& files) {
  std::vector<SettlementFileInfo> infos;
  for (const WrittenFile& file : files) {
    infos.push_back(SettlementFileInfo{file.name, file.kind, file.participant_code, to_hex(file.sha256), file.size_bytes});
  }
  return infos;
}

// Streams the day's records on a connection of their own (the storing transaction's connection
// is busy taking chunks meanwhile) and writes the files; every chunk goes to `store` at once.
DayFiles stream_day_files(store::ConnectionPool& pool, const DayFilesRequest& request) {
  store::ConnectionLease lease = pool.acquire();
  pqxx::transaction<pqxx::repeatable_read, pqxx::read_only> transaction(*lease);
  transaction.exec0(sql::raise_sort_memory);
  transaction.exec_params(sql::set_settle_day, format_iso_date(request.day));
  RecordCopyStream accepted(transaction, sql::copy_accepted_records);
  RecordCopyStream rejected(transaction, sql::copy_rejected_records);
  try {
    DayFiles files = write_day_files(request, accepted, rejected);
    transaction.commit();
    return files;
  } catch (const RecordStreamMismatch& error) {
    throw SettlementMismatch(std::string("clearing day ") + format_iso_date(request.day) + ": " + error.what());
  }
}

void describe_metrics() {
  static const bool described = [] {
    metrics().describe("cityclear_settlement_duration_seconds", "summary", "Time taken by settlement runs");
    metrics().describe("cityclear_settlement_records_total", "counter", "Records of the days settled");
    return true;
  }();
  (void)described;
}

}  // namespace

SettlementService::SettlementService(const Config& config, store::ConnectionPool& pool) : config_(config), pool_(pool) {
  describe_metrics();
}

std::filesystem::path SettlementService::day_directory(CivilDate day) const {
  return config_.output_dir / day_folder_name(day);
}

SettlementResult SettlementService::settle(CivilDate day, const SettlementProgress& progress) {
  auto started = std::chrono::steady_clock::now();
  store::ConnectionLease lease = pool_.acquire();
  DayLock lock(lease, day);
  report(progress, "closing day", 0, 1);
  DayState state = close_day(*lease, day);
  report(progress, "closing day", 1, 1);
  if (state == DayState::settled) return settle_again(*lease, day, progress);
  SettlementResult result = settle_closed_day(*lease, day, progress);
  std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - started;
  metrics().observe_seconds("cityclear_settlement_duration_seconds", {}, elapsed.count());
  metrics().add("cityclear_settlement_records_total", {}, static_cast<double>(result.record_count));
  spdlog::info("settled clearing day {}: {} records, {} accepted, {} files, {:.1f} s", format_iso_date(day),
               result.record_count, result.accepted_count, result.files.size(), elapsed.count());
  return result;
}

SettlementResult SettlementService::settle_closed_day(pqxx::connection& connection, CivilDate day,
                                                      const SettlementProgress& progress) {
  ParticipantRates rates = ParticipantRates::from_participants(config_.participants);
  std::filesystem::path directory = day_directory(day);
  std::filesystem::create_directories(directory);
  remove_partial_files(directory);
  pqxx::transaction<pqxx::repeatable_read> transaction(connection);
  std::string day_text = format_iso_date(day);
  DayState state = parse_day_state(transaction.exec_params1(sql::lock_day_row, day_text)[0].as<std::string>());
  if (state != DayState::closed) throw SettlementMismatch("clearing day " + day_text + " changed state during its run");
  report(progress, "counting records", 0, 1);
  DayFilesRequest request{day, &rates, query_day_totals(transaction, day, rates), directory, {}, progress};
  require_configured_participants(request.expected_totals, rates, day);
  SettlementStore store(transaction, day);
  store.insert_run(request.expected_totals.figures(), rates);
  store.insert_rates_and_files(rates);
  store.begin_chunks();
  request.chunk_sink = [&store](const FileChunk& chunk) { store.add_chunk(chunk); };
  DayFiles day_files = stream_day_files(pool_, request);
  report(progress, "storing", 0, 1);
  store.finish_chunks();
  store.update_files(day_files.files);
  // The set-based positions (SQL GROUP BY, fees rounded in SQL) against the streamed ones.
  if (DayLedger::from_totals(request.expected_totals, rates).positions() != day_files.positions) {
    throw SettlementMismatch("clearing day " + day_text + ": streamed positions differ from the set-based ones");
  }
  store.insert_positions(day_files.positions);
  StoredSettlement stored(transaction, day);
  check_stored_run(stored, day_files);
  store.mark_settled();
  transaction.commit();
  report(progress, "storing", 1, 1);
  report(progress, "publishing files", 0, static_cast<int64_t>(day_files.files.size()));
  publish_files(directory, day_files.files);
  report(progress, "publishing files", static_cast<int64_t>(day_files.files.size()), static_cast<int64_t>(day_files.files.size()));
  DayFigures figures = day_files.streamed_totals.figures();
  return SettlementResult{day, false, figures.record_count, figures.accepted_count, day_files.positions,
                          file_infos(day_files.files)};
}

SettlementResult SettlementService::settle_again(pqxx::connection& connection, CivilDate day,
                                                 const SettlementProgress& progress) {
  pqxx::transaction<pqxx::repeatable_read, pqxx::read_only> transaction(connection);
  StoredSettlement stored(transaction, day);
  std::optional<SettlementResult> result = stored.load();
  if (!result) throw SettlementMismatch("clearing day " + format_iso_date(day) + " is settled but has no stored run");
  report(progress, "verifying files", 0, static_cast<int64_t>(result->files.size()));
  std::vector<std::string> rewritten = check_settled_day(stored, *result, day_directory(day));
  for (const std::string& name : rewritten) spdlog::warn("settlement file {} was missing: written again from the stored bytes", name);
  report(progress, "verifying files", static_cast<int64_t>(result->files.size()), static_cast<int64_t>(result->files.size()));
  transaction.commit();
  return *result;
}

std::optional<SettlementResult> SettlementService::find(CivilDate day) {
  store::ConnectionLease lease = pool_.acquire();
  pqxx::transaction<pqxx::repeatable_read, pqxx::read_only> transaction(*lease);
  StoredSettlement stored(transaction, day);
  std::optional<SettlementResult> result = stored.load();
  transaction.commit();
  return result;
}

bool SettlementService::read_file(CivilDate day, std::string_view name, const std::function<void(std::string_view)>& sink) {
  store::ConnectionLease lease = pool_.acquire();
  pqxx::transaction<pqxx::repeatable_read, pqxx::read_only> transaction(*lease);
  StoredSettlement stored(transaction, day);
  bool found = stored.day_state() == DayState::settled && stored.stream_file(name, sink);
  transaction.commit();
  return found;
}

}  // namespace cityclear::clearing
