#include "clearing/settlement_run.h"

#include <chrono>
#include <functional>
#include <future>
#include <string>

#include <pqxx/transaction>
#include <spdlog/spdlog.h>

#include "clearing/card_key_sorter.h"
#include "clearing/chunk_storing_thread.h"
#include "clearing/day_batches.h"
#include "clearing/day_close.h"
#include "clearing/day_files.h"
#include "clearing/day_ledger.h"
#include "clearing/day_record_stream.h"
#include "clearing/day_totals_query.h"
#include "clearing/file_names.h"
#include "clearing/file_publisher.h"
#include "clearing/participant_check.h"
#include "clearing/record_stream_mismatch.h"
#include "clearing/record_tally.h"
#include "clearing/run_readback.h"
#include "clearing/settlement_sql.h"
#include "clearing/settlement_store.h"
#include "clearing/stored_settlement.h"
#include "common/hex.h"

namespace cityclear::clearing {
namespace {

constexpr int64_t progress_step_records = 1 << 16;
constexpr size_t rejected_run_records = size_t{1} << 15;  // rejected records are few: small runs

// Hands progress to the caller and logs (debug) how long each step took.
class StepReporter {
 public:
  explicit StepReporter(const SettlementProgress& progress) : progress_(progress) {}
  ~StepReporter() { close_step(); }
  void operator()(std::string_view step, int64_t done, int64_t total) {
    if (step != step_) {
      close_step();
      step_ = step;
      start_ = std::chrono::steady_clock::now();
    }
    if (progress_) progress_(step, done, total);
  }

 private:
  void close_step() {
    if (step_.empty()) return;
    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    spdlog::debug("settlement step \"{}\" took {:.2f} s", step_, seconds);
  }
  const SettlementProgress& progress_;
  std::string step_;
  std::chrono::steady_clock::time_point start_;
};

std::vector<SettlementFileInfo> file_infos(const std::vector<WrittenFile>& files) {
  std::vector<SettlementFileInfo> infos;
  for (const WrittenFile& file : files) {
    infos.push_back(SettlementFileInfo{file.name, file.kind, file.participant_code,
                                       to_hex(file.sha256), file.size_bytes});
  }
  return infos;
}

// The day's records, read once and sorted two ways.
struct SortedDayRecords {
  explicit SortedDayRecords(const std::filesystem::path& directory)
      : accepted(directory), rejected(directory, rejected_run_records) {}
  CardKeySorter accepted;         // by card key
  ExternalRecordSorter rejected;  // by batch id (the batch's rank), sequence
};

// Reads every record once: the accepted ones into one sorter, the rejected into the other, all
// of them into the tally whose totals are returned.
DayTotals read_day_records(pqxx::dbtransaction& reader, const DayFilesRequest& request,
                           SortedDayRecords& sorted, StepReporter& report) {
  reader.exec_params(sql::set_settle_day, format_iso_date(request.day));
  DayBatches batches = DayBatches::load(reader, request.day);
  DayRecordStream stream(reader, batches);
  RecordTally tally(*request.rates);
  ClearingRecord record;
  const DayBatch* batch = nullptr;
  int64_t count = 0;
  while (stream.next(record, batch)) {
    tally.add(record);
    if (record.reason == accepted_reason) {
      sorted.accepted.add(record);
    } else {
      sorted.rejected.add(record, RecordSortKey{batch->rank, record.sequence});
    }
    if (++count % progress_step_records == 0) report("reading records", count, 0);
  }
  sorted.accepted.finish_input();
  sorted.rejected.finish_input();
  report("reading records", count, count);
  return tally.totals();
}

// Writes the files while a second thread streams their chunks into the store; returns them.
DayFiles write_and_store_files(SettlementStore& store, DayFilesRequest& request,
                               SortedDayRecords& sorted, StepReporter& report) {
  store.begin_chunks();
  DayFiles day_files;
  {
    ChunkStoringThread storing(store);
    request.chunk_sink = [&storing](const FileChunk& chunk) { storing.add(chunk); };
    try {
      day_files = write_day_files(request, sorted.accepted, sorted.rejected);
    } catch (...) {
      request.chunk_sink = nullptr;
      throw;
    }
    request.chunk_sink = nullptr;
    report("storing", 0, 1);
    storing.finish();
  }
  store.finish_chunks();
  return day_files;
}

// The set-based totals (GROUP BY, fees rounded in SQL) against the streamed ones, and the
// positions each gives.
void check_set_based_totals(const DayTotals& set_based, const DayFilesRequest& request,
                            const DayFiles& day_files) {
  std::string day_text = format_iso_date(request.day);
  if (!(set_based == request.expected_totals)) {
    throw SettlementMismatch("clearing day " + day_text +
                             ": streamed totals differ from the set-based ones");
  }
  if (DayLedger::from_totals(set_based, *request.rates).positions() != day_files.positions) {
    throw SettlementMismatch("clearing day " + day_text +
                             ": streamed positions differ from the set-based ones");
  }
}

// The storing transaction, from reading the closed day to marking it settled; returns the files.
// The records are read on a second pooled connection, which then counts them set-based (same
// snapshot) while the files are written and stored on this one.
DayFiles store_day(pqxx::dbtransaction& transaction, store::ConnectionPool& pool,
                   DayFilesRequest& request, StepReporter& report) {
  const ParticipantRates& rates = *request.rates;
  std::string day_text = format_iso_date(request.day);
  // No row lock here: the close is committed and the day lock keeps other runs out, while late
  // uploads must be able to read the row FOR SHARE (and move on to the next day) at any time.
  // The row is locked only by mark_settled(), just before the commit.
  DayState state = parse_day_state(
      transaction.exec_params1(sql::select_day_state, day_text)[0].as<std::string>());
  if (state != DayState::closed)
    throw SettlementMismatch("clearing day " + day_text + " changed state during its run");
  store::ConnectionLease reader_lease = pool.acquire();
  pqxx::transaction<pqxx::repeatable_read, pqxx::read_only> reader(*reader_lease);
  reader.exec0(sql::no_parallel_workers);
  SortedDayRecords sorted(request.directory);
  request.expected_totals = read_day_records(reader, request, sorted, report);
  report("counting records", 0, 1);
  require_configured_participants(request.expected_totals, rates, request.day);
  auto set_based =
      std::async(std::launch::async, [&] { return query_day_totals(reader, request.day, rates); });
  SettlementStore store(transaction, request.day);
  store.insert_run(request.expected_totals.figures(), rates);
  store.insert_rates_and_files(rates);
  DayFiles day_files = write_and_store_files(store, request, sorted, report);
  report("checking", 0, 1);
  check_set_based_totals(set_based.get(), request, day_files);
  reader.commit();
  store.update_files(day_files.files);
  store.insert_positions(day_files.positions);
  StoredSettlement stored(transaction, request.day);
  check_stored_run(stored, day_files);
  store.mark_settled();
  return day_files;
}

}  // namespace

SettlementResult settle_closed_day(pqxx::connection& connection, store::ConnectionPool& pool,
                                   const Config& config, CivilDate day,
                                   const SettlementProgress& progress) {
  ParticipantRates rates = ParticipantRates::from_participants(config.participants);
  StepReporter report(progress);
  DayFilesRequest request{day, &rates,          {}, config.output_dir / day_folder_name(day),
                          {},  std::ref(report)};
  std::filesystem::create_directories(request.directory);
  remove_partial_files(request.directory);
  DayFiles day_files;
  try {
    pqxx::transaction<pqxx::repeatable_read> transaction(connection);
    day_files = store_day(transaction, pool, request, report);
    report("committing", 0, 1);
    transaction.commit();
  } catch (const RecordStreamMismatch& error) {
    throw SettlementMismatch("clearing day " + format_iso_date(day) + ": " + error.what());
  }
  auto file_count = static_cast<int64_t>(day_files.files.size());
  report("publishing files", 0, file_count);
  publish_files(request.directory, day_files.files);
  report("publishing files", file_count, file_count);
  DayFigures figures = day_files.streamed_totals.figures();
  return SettlementResult{day,
                          false,
                          figures.record_count,
                          figures.accepted_count,
                          day_files.positions,
                          file_infos(day_files.files)};
}

}  // namespace cityclear::clearing
