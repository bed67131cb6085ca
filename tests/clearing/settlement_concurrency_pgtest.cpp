#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <thread>

#include <pqxx/nontransaction>
#include <pqxx/transaction>

#include "clearing/position_balance.h"
#include "clearing/settlement_service.h"
#include "clearing/support/database_fixture.h"
#include "clearing/support/record_fixture.h"
#include "support/test_paths.h"

using namespace cityclear::clearing;
using cityclear::CivilDate;

namespace {

constexpr uint32_t codes[] = {31000001, 33010001, 44030001, 52010001, 61010001};

std::string digits(uint64_t value, size_t width) {
  std::string text = std::to_string(value);
  return std::string(width - text.size(), '0') + text;
}

// The records of one simulated upload: unique cards per (thread, batch), some rejected.
std::vector<ClearingRecord> upload_records(int thread, int batch, int count) {
  std::vector<ClearingRecord> records;
  uint32_t acquirer = codes[(thread + batch) % 5];
  std::string batch_id = "CT" + digits(thread, 2) + digits(batch, 6) + "0000000000";
  for (int index = 0; index < count; ++index) {
    uint32_t issuer = codes[(index * 7 + batch) % 5];
    std::string asn = digits(thread, 2) + digits(batch, 8) + digits(index, 10);
    uint8_t reason = index % 11 == 5 ? 3 : 0;
    records.push_back(testing::make_record(reason, batch_id, acquirer, index + 1, issuer, asn,
                                           index % 3, 1 + (index * 37 + batch) % 5000,
                                           cityclear::days_from_civil({2031, 3, 10}) * 86400));
  }
  return records;
}

CivilDate next_day(CivilDate day) {
  return cityclear::civil_from_days(cityclear::days_from_civil(day) + 1);
}

// Ingest as the lead's component does it: the first day >= today whose row, read FOR SHARE inside
// the storing transaction, is open.
CivilDate ingest_one_upload(pqxx::connection& connection, CivilDate wanted,
                            const std::vector<ClearingRecord>& records) {
  pqxx::work transaction(connection);
  while (true) {
    transaction.exec_params("SELECT cityclear_ensure_day($1::date)",
                            cityclear::format_iso_date(wanted));
    auto state = transaction
                     .exec_params1("SELECT state FROM clearing_day WHERE day = $1::date FOR SHARE",
                                   cityclear::format_iso_date(wanted))[0]
                     .as<std::string>();
    if (state == "open") break;
    wanted = next_day(wanted);
  }
  testing::insert_batches(transaction, wanted, records);
  std::this_thread::sleep_for(
      std::chrono::milliseconds(3));  // keep the transaction in flight a while
  transaction.commit();
  return wanted;
}

}  // namespace

TEST_CASE("settling while uploads arrive neither loses nor doubles a record",
          "[clearing][settle][concurrency][pg]") {
  const CivilDate day{2031, 3, 10};
  auto connection = testing::connect_test_database();
  for (CivilDate each : {day, next_day(day), next_day(next_day(day))})
    testing::remove_day(*connection, each);
  {
    // Partitions exist beforehand: concurrent CREATE TABLE is the ingest component's concern.
    pqxx::work transaction(*connection);
    transaction.exec(
        "SELECT cityclear_ensure_day('2031-03-10'), cityclear_ensure_day('2031-03-11')");
    transaction.commit();
  }
  auto pool = testing::make_test_pool();
  cityclear::Config config =
      testing::make_clearing_config(cityclear::testing::scratch_dir("clearing-concurrent-ingest"));
  SettlementService service(config, *pool);

  constexpr int thread_count = 3;
  std::atomic<bool> settled{false};
  std::atomic<int> uploads_done{0};
  std::mutex mutex;
  std::map<CivilDate, int64_t> inserted;  // committed records by the day they landed in
  std::vector<std::thread> threads;
  for (int thread = 0; thread < thread_count; ++thread) {
    threads.emplace_back([&, thread] {
      auto ingest_connection =
          std::make_unique<pqxx::connection>(cityclear::testing::test_database_url());
      int after_settle = 0;
      for (int batch = 0; after_settle < 8; ++batch) {
        auto records = upload_records(thread, batch, 40 + batch % 17);
        CivilDate landed = ingest_one_upload(*ingest_connection, day, records);
        {
          std::lock_guard lock(mutex);
          inserted[landed] += static_cast<int64_t>(records.size());
        }
        ++uploads_done;
        if (settled) ++after_settle;
      }
    });
  }
  while (uploads_done < 4 * thread_count) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  SettlementResult result = service.settle(day);
  settled = true;
  for (auto& thread : threads) thread.join();

  int64_t total = 0;
  for (const auto& [landed, count] : inserted) total += count;
  CHECK(inserted.size() == 2);
  CHECK(result.record_count == inserted[day]);
  CHECK(result.record_count == testing::count_records(*connection, day));
  CHECK(inserted[next_day(day)] > 0);
  CHECK(testing::count_records(*connection, day) +
            testing::count_records(*connection, next_day(day)) ==
        total);
  CHECK(position_balance_problem(result.positions).empty());
  SettlementResult again = service.settle(day);  // the day took nothing after its close
  CHECK(again.already_settled);
  CHECK(again.record_count == result.record_count);
}

TEST_CASE("two settle runs of one day at once: only one runs",
          "[clearing][settle][concurrency][pg]") {
  const CivilDate day{2031, 4, 1};
  auto connection = testing::connect_test_database();
  testing::remove_day(*connection, day);
  std::vector<ClearingRecord> records;
  for (int batch = 0; batch < 20; ++batch) {
    auto upload = upload_records(7, batch, 100);
    records.insert(records.end(), upload.begin(), upload.end());
  }
  testing::insert_day_records(*connection, day, records);
  cityclear::Config config =
      testing::make_clearing_config(cityclear::testing::scratch_dir("clearing-concurrent-settle"));
  // Two services with pools of their own: two daemons, or a daemon and the command line.
  auto first_pool = testing::make_test_pool();
  auto second_pool = testing::make_test_pool();
  SettlementService first(config, *first_pool);
  SettlementService second(config, *second_pool);

  std::mutex mutex;
  std::condition_variable changed;
  bool first_running = false, second_tried = false;
  std::optional<SettlementResult> first_result;
  std::thread first_thread([&] {
    first_result = first.settle(day, [&](std::string_view step, int64_t, int64_t) {
      if (step != "writing files") return;
      std::unique_lock lock(mutex);
      first_running = true;
      changed.notify_all();
      changed.wait_for(lock, std::chrono::seconds(30), [&] { return second_tried; });
    });
  });
  {
    std::unique_lock lock(mutex);
    changed.wait_for(lock, std::chrono::seconds(30), [&] { return first_running; });
  }
  CHECK_THROWS_AS(second.settle(day), DayBeingSettled);
  {
    std::lock_guard lock(mutex);
    second_tried = true;
  }
  changed.notify_all();
  first_thread.join();
  REQUIRE(first_result.has_value());
  CHECK_FALSE(first_result->already_settled);
  CHECK(first_result->record_count == 2000);
  SettlementResult later = second.settle(day);
  CHECK(later.already_settled);
  CHECK(later.positions == first_result->positions);
}

TEST_CASE("two settle runs racing freely: exactly one computes the day",
          "[clearing][settle][concurrency][pg]") {
  const CivilDate day{2031, 4, 2};
  auto connection = testing::connect_test_database();
  testing::remove_day(*connection, day);
  testing::insert_day_records(*connection, day, upload_records(8, 1, 500));
  cityclear::Config config =
      testing::make_clearing_config(cityclear::testing::scratch_dir("clearing-racing-settle"));
  auto pool = testing::make_test_pool(6);
  SettlementService service(config, *pool);
  std::atomic<int> computed{0}, already{0}, refused{0};
  std::vector<std::thread> threads;
  for (int run = 0; run < 3; ++run) {
    threads.emplace_back([&] {
      try {
        SettlementResult result = service.settle(day);
        ++(result.already_settled ? already : computed);
      } catch (const DayBeingSettled&) {
        ++refused;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  CHECK(computed == 1);
  CHECK(already + refused == 2);
  pqxx::nontransaction transaction(*connection);
  CHECK(
      transaction.exec1("SELECT count(*) FROM settlement_run WHERE clearing_day = '2031-04-02'")[0]
          .as<int>() == 1);
}

TEST_CASE("a late upload never waits for a settle run in progress",
          "[clearing][settle][concurrency][pg]") {
  const CivilDate day{2031, 5, 1};
  auto connection = testing::connect_test_database();
  for (CivilDate each : {day, next_day(day)}) testing::remove_day(*connection, each);
  testing::insert_day_records(*connection, day, upload_records(9, 1, 300));
  {
    pqxx::work transaction(*connection);
    transaction.exec("SELECT cityclear_ensure_day('2031-05-02')");
    transaction.commit();
  }
  cityclear::Config config =
      testing::make_clearing_config(cityclear::testing::scratch_dir("clearing-late-upload"));
  auto pool = testing::make_test_pool();
  SettlementService service(config, *pool);
  std::mutex mutex;
  std::condition_variable changed;
  bool paused = false, uploaded = false;
  std::optional<SettlementResult> result;
  std::thread settle_thread([&] {
    result = service.settle(day, [&](std::string_view step, int64_t, int64_t) {
      if (step != "writing files") return;
      std::unique_lock lock(mutex);
      paused = true;
      changed.notify_all();
      changed.wait_for(lock, std::chrono::seconds(30), [&] { return uploaded; });
    });
  });
  {
    std::unique_lock lock(mutex);
    changed.wait_for(lock, std::chrono::seconds(30), [&] { return paused; });
  }
  // The run holds its storing transaction open now; the upload reads the closed day FOR SHARE.
  pqxx::connection ingest_connection(cityclear::testing::test_database_url());
  {
    pqxx::nontransaction session(ingest_connection);
    session.exec("SET statement_timeout = '5s'");
  }
  auto upload = upload_records(9, 2, 50);
  CivilDate landed = day;
  CHECK_NOTHROW(landed = ingest_one_upload(ingest_connection, day, upload));
  CHECK(landed == next_day(day));
  {
    std::lock_guard lock(mutex);
    uploaded = true;
  }
  changed.notify_all();
  settle_thread.join();
  REQUIRE(result.has_value());
  CHECK(result->record_count == 300);
  CHECK(testing::count_records(*connection, next_day(day)) == 50);
}
