#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include <pqxx/nontransaction>
#include <pqxx/result>
#include <pqxx/transaction>

#include "clearing/day_close.h"
#include "clearing/day_files.h"
#include "clearing/file_publisher.h"
#include "clearing/settlement_service.h"
#include "clearing/support/database_fixture.h"
#include "clearing/support/record_fixture.h"
#include "common/hex.h"
#include "common/sha256.h"
#include "support/test_paths.h"

using namespace cityclear::clearing;
namespace fs = std::filesystem;

namespace {

const cityclear::CivilDate small_day{2026, 11, 21};

fs::path small_day_data() {
  return cityclear::testing::test_data_dir() / "clearing" / "small_day";
}

struct Harness {
  explicit Harness(const std::string& scratch_name)
      : connection(testing::connect_test_database()),
        pool(testing::make_test_pool()),
        output_dir(cityclear::testing::scratch_dir(scratch_name)),
        config(testing::make_clearing_config(output_dir)),
        service(config, *pool) {
    testing::remove_day(*connection, small_day);
  }
  void insert_small_day() {
    testing::insert_day_records(*connection, small_day,
                                testing::read_record_file(small_day_data() / "records.txt"));
  }
  fs::path day_folder() const { return output_dir / "20261121"; }

  std::unique_ptr<pqxx::connection> connection;
  std::unique_ptr<cityclear::store::ConnectionPool> pool;
  fs::path output_dir;
  cityclear::Config config;
  SettlementService service;
};

const std::vector<Position> small_day_positions = {{0, 0, 0, 325, 325},
                                                   {31000001, 100000, 399, 300, 99301},
                                                   {33010001, 4720, 106875, 12, -102167},
                                                   {44030001, 5000, 1234, 0, 3766},
                                                   {52010001, 3109, 4321, 13, -1225},
                                                   {61010001, 0, 0, 0, 0}};

void check_expected_files(Harness& harness, const SettlementResult& result) {
  size_t expected_count = 0;
  for (const auto& entry : fs::directory_iterator(small_day_data() / "expected")) {
    std::string name = entry.path().filename().string();
    INFO(name);
    std::string expected = testing::read_whole_file(entry.path());
    CHECK(testing::read_whole_file(harness.day_folder() / name) == expected);
    std::string stored;
    CHECK(harness.service.read_file(small_day, name,
                                    [&](std::string_view bytes) { stored += bytes; }));
    CHECK(stored == expected);
    auto info = std::find_if(result.files.begin(), result.files.end(),
                             [&](const auto& file) { return file.name == name; });
    REQUIRE(info != result.files.end());
    CHECK(info->sha256_hex == cityclear::sha256_hex(expected));
    CHECK(info->size_bytes == static_cast<int64_t>(expected.size()));
    ++expected_count;
  }
  CHECK(result.files.size() == expected_count);
  size_t on_disk = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator(harness.day_folder())) ++on_disk;
  CHECK(on_disk == expected_count);
}

// Everything the settlement tables hold about the day, as text, to see that nothing changed.
std::string stored_state(pqxx::connection& connection) {
  pqxx::nontransaction transaction(connection);
  std::string text;
  for (const char* query :
       {"SELECT day, state, closed_at, settled_at FROM clearing_day WHERE day = '2026-11-21'",
        "SELECT * FROM settlement_run WHERE clearing_day = '2026-11-21'",
        "SELECT * FROM settlement_rate WHERE clearing_day = '2026-11-21' ORDER BY participant_code",
        "SELECT * FROM settlement_position WHERE clearing_day = '2026-11-21' ORDER BY "
        "participant_code",
        "SELECT * FROM settlement_file WHERE clearing_day = '2026-11-21' ORDER BY name",
        "SELECT name, chunk_number, md5(bytes) FROM settlement_file_chunk WHERE clearing_day = "
        "'2026-11-21' ORDER BY "
        "1, 2"}) {
    for (const auto& row : transaction.exec(query)) {
      for (const auto& field : row)
        text += (field.is_null() ? "NULL" : field.c_str()) + std::string("|");
      text += "\n";
    }
  }
  return text;
}

}  // namespace

TEST_CASE("settling a day stores and writes the expected files; settling again changes nothing",
          "[clearing][settle][pg]") {
  Harness harness("clearing-settle-small-day");
  harness.insert_small_day();
  std::vector<std::string> steps;
  SettlementResult result =
      harness.service.settle(small_day, [&](std::string_view step, int64_t, int64_t) {
        if (steps.empty() || steps.back() != step) steps.emplace_back(step);
      });
  CHECK_FALSE(result.already_settled);
  CHECK(result.record_count == 13);
  CHECK(result.accepted_count == 9);
  CHECK(result.positions == small_day_positions);
  CHECK(steps == std::vector<std::string>{"closing day", "reading records", "counting records",
                                          "writing files", "storing", "checking", "committing",
                                          "publishing files"});
  check_expected_files(harness, result);
  CHECK(testing::day_state(*harness.connection, small_day) == "settled");
  {
    pqxx::nontransaction transaction(*harness.connection);
    auto run = transaction.exec1(
        "SELECT record_count, accepted_count, inter_city_count, total_fees_fen, "
        "encode(participants_sha256, 'hex') FROM settlement_run WHERE clearing_day = '2026-11-21'");
    CHECK(run[2].as<int64_t>() == 7);
    CHECK(run[3].as<int64_t>() == 325);
    std::string fingerprint = cityclear::sha256_hex(
        "31000001 00030\n33010001 00025\n44030001 00000\n52010001 00040\n61010001 00020\n");
    for (char& c : fingerprint) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    CHECK(run[4].as<std::string>() == fingerprint);
    CHECK(transaction
              .exec1("SELECT count(*) FROM settlement_rate WHERE clearing_day = '2026-11-21'")[0]
              .as<int>() == 5);
  }
  std::string state_before = stored_state(*harness.connection);
  auto time_before = fs::last_write_time(harness.day_folder() / "STL_20261121.txt");

  SettlementResult again = harness.service.settle(small_day);
  CHECK(again.already_settled);
  CHECK(again.positions == result.positions);
  CHECK(again.record_count == result.record_count);
  CHECK(again.accepted_count == result.accepted_count);
  REQUIRE(again.files.size() == result.files.size());
  for (size_t index = 0; index < again.files.size(); ++index) {
    CHECK(again.files[index].name == result.files[index].name);
    CHECK(again.files[index].sha256_hex == result.files[index].sha256_hex);
    CHECK(again.files[index].participant_code == result.files[index].participant_code);
  }
  CHECK(stored_state(*harness.connection) == state_before);
  CHECK(fs::last_write_time(harness.day_folder() / "STL_20261121.txt") == time_before);
  check_expected_files(harness, again);
  auto found = harness.service.find(small_day);
  REQUIRE(found.has_value());
  CHECK(found->positions == small_day_positions);
}

TEST_CASE("a missing file is written again from the stored bytes; a tampered one is reported",
          "[clearing][settle][pg]") {
  Harness harness("clearing-settle-tamper");
  harness.insert_small_day();
  SettlementResult result = harness.service.settle(small_day);
  fs::remove(harness.day_folder() / "CLR_33010001_20261121.txt");
  std::ofstream(harness.day_folder() / ".CLR_31000001_20261121.txt.partial") << "left by a crash";
  SettlementResult again = harness.service.settle(small_day);
  CHECK(again.already_settled);
  check_expected_files(harness, again);

  fs::path tampered = harness.day_folder() / "STL_20261121.txt";
  std::string content = testing::read_whole_file(tampered);
  content[30] = content[30] == '1' ? '2' : '1';
  std::ofstream(tampered, std::ios::binary | std::ios::trunc) << content;
  try {
    harness.service.settle(small_day);
    FAIL("a tampered file was not reported");
  } catch (const SettlementMismatch& error) {
    CHECK(std::string(error.what()).find("STL_20261121.txt") != std::string::npos);
  }
  CHECK(testing::read_whole_file(tampered) == content);  // reported, never overwritten
}

TEST_CASE("a run that fails half way leaves the day closed; the next run completes it",
          "[clearing][settle][pg]") {
  Harness harness("clearing-settle-resume");
  harness.insert_small_day();
  struct Interrupted {};
  CHECK_THROWS_AS(harness.service.settle(small_day,
                                         [](std::string_view step, int64_t, int64_t) {
                                           if (step == "writing files") throw Interrupted{};
                                         }),
                  Interrupted);
  CHECK(testing::day_state(*harness.connection, small_day) == "closed");
  {
    pqxx::nontransaction transaction(*harness.connection);
    CHECK(transaction
              .exec1("SELECT count(*) FROM settlement_run WHERE clearing_day = '2026-11-21'")[0]
              .as<int>() == 0);
  }
  CHECK_FALSE(harness.service.find(small_day).has_value());
  SettlementResult result = harness.service.settle(small_day);
  CHECK_FALSE(result.already_settled);
  CHECK(result.positions == small_day_positions);
  check_expected_files(harness, result);
}

TEST_CASE("a day closed before a crash is settled by the next run", "[clearing][settle][pg]") {
  Harness harness("clearing-settle-closed");
  harness.insert_small_day();
  CHECK(close_day(*harness.connection, small_day) == DayState::closed);
  fs::create_directories(harness.day_folder());
  std::ofstream(harness.day_folder() / ".STL_20261121.txt.partial") << "half a file";
  SettlementResult result = harness.service.settle(small_day);
  CHECK_FALSE(result.already_settled);
  check_expected_files(harness, result);
}

TEST_CASE("a day naming an unconfigured participant is refused and stays closed",
          "[clearing][settle][pg]") {
  Harness harness("clearing-settle-unconfigured");
  auto records = testing::read_record_file(small_day_data() / "records.txt");
  records.push_back(testing::make_record(0, "HZ2026112100000007AB", 33010001, 1, 81000001,
                                         "81000001000000000001", 1, 500,
                                         *cityclear::parse_local_timestamp("20261121101010")));
  testing::insert_day_records(*harness.connection, small_day, records);
  try {
    harness.service.settle(small_day);
    FAIL("an unconfigured participant was settled");
  } catch (const UnconfiguredParticipants& error) {
    CHECK(std::string(error.what()).find("issuer 81000001 (1 record)") != std::string::npos);
  }
  CHECK(testing::day_state(*harness.connection, small_day) == "closed");
  CHECK_FALSE(harness.service.find(small_day).has_value());
  CHECK(fs::is_empty(harness.day_folder()));

  cityclear::Config fixed = harness.config;
  fixed.participants.participants.push_back({81000001, "Harbin", 10, {}});
  std::sort(fixed.participants.participants.begin(), fixed.participants.participants.end(),
            [](const auto& left, const auto& right) { return left.code < right.code; });
  SettlementService service(fixed, *harness.pool);
  SettlementResult result = service.settle(small_day);
  CHECK(result.accepted_count == 10);
  REQUIRE(result.positions.size() == 7);
  CHECK(result.positions[6] == Position{81000001, 0, 500, 0, -500});
  CHECK(result.positions[2] ==
        Position{33010001, 5220, 106875, 13, -101668});  // +500 acquired, fee 1.25 -> 1
}

TEST_CASE("a stored record that breaks the record format stops the run; the day stays closed",
          "[clearing][settle][pg]") {
  // A counter out of its 16 bits (a packed COPY field comes back NULL), an issuer its card key
  // does not encode, a terminal serial out of its 32 bits.
  for (const char* damage :
       {"UPDATE record SET card_counter = 70000", "UPDATE record SET issuer_code = 44030001",
        "UPDATE record SET terminal_serial = 4294967296"}) {
    INFO(damage);
    Harness harness("clearing-settle-broken-record");
    harness.insert_small_day();
    {
      pqxx::work transaction(*harness.connection);
      transaction.exec(
          std::string(damage) +
          " WHERE clearing_day = '2026-11-21' AND acquirer_code = 52010001 AND sequence = 4");
      transaction.commit();
    }
    try {
      harness.service.settle(small_day);
      FAIL("a broken record was settled");
    } catch (const SettlementMismatch& error) {
      CHECK(std::string(error.what()).find("stored record GY2026112100000001AB") !=
            std::string::npos);
    }
    CHECK(testing::day_state(*harness.connection, small_day) == "closed");
    CHECK_FALSE(harness.service.find(small_day).has_value());
    CHECK(fs::is_empty(harness.day_folder()));
  }
}

TEST_CASE("settled files are the files the database-free writer makes from the same records",
          "[clearing][settle][pg]") {
  // Batch ids shared by two acquirers, batches stored out of id order, rejected records of every
  // reason across several batches: the reject files' order comes from the batches' ranks.
  Harness harness("clearing-settle-like-writer");
  auto time = *cityclear::parse_local_timestamp("20261121101010");
  std::vector<ClearingRecord> records;
  const uint32_t acquirers[] = {31000001, 33010001, 44030001, 52010001};
  const char* batch_ids[] = {"ZZ2026112100000001AB", "AA2026112100000001AB",
                             "MM2026112100000001AB"};
  for (uint32_t index = 0; index < 600; ++index) {
    uint32_t acquirer = acquirers[index % 4];
    uint32_t issuer = acquirers[(index / 4) % 4];
    std::string serial = std::to_string(index);
    std::string asn = std::to_string(issuer) + std::string(12 - serial.size(), '0') + serial;
    uint8_t reason = index % 5 == 0 ? static_cast<uint8_t>(1 + index % 13) : 0;
    records.push_back(testing::make_record(reason, batch_ids[(index / 16) % 3], acquirer,
                                           1000 - index, issuer, asn, index % 65536,
                                           100 + index % 997, time + index));
  }
  testing::insert_day_records(*harness.connection, small_day, records);
  SettlementResult result = harness.service.settle(small_day);
  CHECK(result.record_count == 600);

  auto rates = ParticipantRates::from_participants(harness.config.participants);
  DayTotals totals;
  for (const auto& record : records) totals.add_record(record, rates);
  fs::path expected_folder =
      cityclear::testing::scratch_dir("clearing-settle-like-writer-expected");
  DayFilesRequest request{small_day, &rates, totals, expected_folder, {}, {}};
  testing::VectorRecordSource accepted(testing::accepted_by_card_key(records));
  testing::VectorRecordSource rejected(testing::rejected_by_batch(records));
  DayFiles expected = write_day_files(request, accepted, rejected);
  publish_files(expected_folder, expected.files);
  REQUIRE(result.files.size() == expected.files.size());
  for (const auto& file : expected.files) {
    INFO(file.name);
    CHECK(testing::read_whole_file(harness.day_folder() / file.name) ==
          testing::read_whole_file(expected_folder / file.name));
  }
  CHECK(result.positions == expected.positions);
}

TEST_CASE("an empty day gets a file for every participant and zero positions",
          "[clearing][settle][pg]") {
  Harness harness("clearing-settle-empty");
  SettlementResult result = harness.service.settle(small_day);
  CHECK(result.record_count == 0);
  CHECK(result.files.size() == 11);
  for (const Position& position : result.positions)
    CHECK(position == Position{position.participant_code, 0, 0, 0, 0});
  CHECK(
      testing::read_whole_file(harness.day_folder() / "RJT_61010001_20261121.txt").substr(0, 30) ==
      "HRJT1610100012026112100000000\n");
  CHECK(testing::day_state(*harness.connection, small_day) == "settled");
}

TEST_CASE("find and read_file answer only for settled days and stored files",
          "[clearing][settle][pg]") {
  Harness harness("clearing-settle-find");
  harness.insert_small_day();
  CHECK_FALSE(harness.service.find(small_day).has_value());
  CHECK_FALSE(harness.service.read_file(small_day, "STL_20261121.txt", [](std::string_view) {}));
  harness.service.settle(small_day);
  CHECK(harness.service.find(small_day).has_value());
  CHECK_FALSE(harness.service.read_file(small_day, "STL_20261122.txt", [](std::string_view) {}));
  CHECK_FALSE(harness.service.read_file(small_day, "../etc/passwd'; --", [](std::string_view) {}));
  CHECK_FALSE(harness.service.find(cityclear::CivilDate{2026, 11, 22}).has_value());
}

TEST_CASE("settling a day prepares the next one unless it lies in the past",
          "[clearing][settle][pg]") {
  Harness harness("clearing-settle-following-day");
  const cityclear::CivilDate future{2032, 2, 28}, past{2020, 2, 28};
  for (cityclear::CivilDate each : {future, past}) {
    testing::remove_day(*harness.connection, each);
    testing::remove_day(*harness.connection,
                        cityclear::civil_from_days(cityclear::days_from_civil(each) + 1));
  }
  harness.service.settle(future);
  harness.service.settle(past);
  CHECK(testing::day_state(*harness.connection, {2032, 2, 29}) == "open");
  CHECK(testing::day_state(*harness.connection, {2020, 2, 29}) == "absent");
  pqxx::nontransaction transaction(*harness.connection);
  CHECK(transaction.exec1("SELECT to_regclass('record_20320229') IS NOT NULL")[0].as<bool>());
}
