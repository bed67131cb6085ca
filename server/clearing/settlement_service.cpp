#include "clearing/settlement_service.h"

#include <chrono>

#include <pqxx/transaction>
#include <spdlog/spdlog.h>

#include "clearing/day_close.h"
#include "clearing/day_lock.h"
#include "clearing/file_names.h"
#include "clearing/following_day.h"
#include "clearing/settled_day_check.h"
#include "clearing/settlement_run.h"
#include "clearing/stored_settlement.h"
#include "common/metrics.h"

namespace cityclear::clearing {
namespace {

void report(const SettlementProgress& progress, std::string_view step, int64_t done,
            int64_t total) {
  if (progress) progress(step, done, total);
}

void describe_metrics() {
  static const bool described = [] {
    metrics().describe("cityclear_settlement_duration_seconds", "summary",
                       "Time taken by settlement runs");
    metrics().describe("cityclear_settlement_records_total", "counter",
                       "Records of the days settled");
    return true;
  }();
  (void)described;
}

}  // namespace

SettlementService::SettlementService(const Config& config, store::ConnectionPool& pool)
    : config_(config), pool_(pool) {
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
  prepare_following_day(*lease, day, local_seconds_now());
  DayState state = close_day(*lease, day);
  report(progress, "closing day", 1, 1);
  if (state == DayState::settled) return settle_again(*lease, day, progress);
  SettlementResult result = settle_closed_day(*lease, pool_, config_, day, progress);
  std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - started;
  metrics().observe_seconds("cityclear_settlement_duration_seconds", {}, elapsed.count());
  metrics().add("cityclear_settlement_records_total", {}, static_cast<double>(result.record_count));
  spdlog::info("settled clearing day {}: {} records, {} accepted, {} files, {:.1f} s",
               format_iso_date(day), result.record_count, result.accepted_count,
               result.files.size(), elapsed.count());
  return result;
}

SettlementResult SettlementService::settle_again(pqxx::connection& connection, CivilDate day,
                                                 const SettlementProgress& progress) {
  pqxx::transaction<pqxx::repeatable_read, pqxx::read_only> transaction(connection);
  StoredSettlement stored(transaction, day);
  std::optional<SettlementResult> result = stored.load();
  if (!result)
    throw SettlementMismatch("clearing day " + format_iso_date(day) +
                             " is settled but has no stored run");
  report(progress, "verifying files", 0, static_cast<int64_t>(result->files.size()));
  std::vector<std::string> rewritten = check_settled_day(stored, *result, day_directory(day));
  for (const std::string& name : rewritten)
    spdlog::warn("settlement file {} was missing: written again from the stored bytes", name);
  report(progress, "verifying files", static_cast<int64_t>(result->files.size()),
         static_cast<int64_t>(result->files.size()));
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

bool SettlementService::read_file(CivilDate day, std::string_view name,
                                  const std::function<void(std::string_view)>& sink) {
  store::ConnectionLease lease = pool_.acquire();
  pqxx::transaction<pqxx::repeatable_read, pqxx::read_only> transaction(*lease);
  StoredSettlement stored(transaction, day);
  bool found = stored.day_state() == DayState::settled && stored.stream_file(name, sink);
  transaction.commit();
  return found;
}

}  // namespace cityclear::clearing
