#include <catch2/catch.hpp>

#include <unistd.h>

#include <map>

#include "clearing/day_files.h"
#include "clearing/file_publisher.h"
#include "clearing/record_stream_mismatch.h"
#include "clearing/support/record_fixture.h"
#include "clearing/unconfigured_participants.h"
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

DayTotals totals_of(const std::vector<ClearingRecord>& records, const ParticipantRates& rates) {
  DayTotals totals;
  for (const auto& record : records) totals.add_record(record, rates);
  return totals;
}

DayFiles generate(const std::vector<ClearingRecord>& records, const ParticipantRates& rates,
                  const fs::path& directory, ChunkSink chunk_sink = {}) {
  DayFilesRequest request{
      small_day, &rates, totals_of(records, rates), directory, std::move(chunk_sink), {}};
  testing::VectorRecordSource accepted(testing::accepted_by_card_key(records));
  testing::VectorRecordSource rejected(testing::rejected_by_batch(records));
  DayFiles files = write_day_files(request, accepted, rejected);
  publish_files(directory, files.files);
  return files;
}

// Checks that the trailer line ends with the SHA-256 of every byte before the trailer line.
void check_trailer_hash(const std::string& content) {
  REQUIRE(content.size() > 66);
  REQUIRE(content.back() == '\n');
  size_t trailer_start = content.rfind('\n', content.size() - 2) + 1;
  CHECK(content[trailer_start] == 'T');
  std::string hash = content.substr(content.size() - 65, 64);
  CHECK(hash == cityclear::sha256_hex(std::string_view(content).substr(0, trailer_start)));
}

}  // namespace

TEST_CASE("a hand-computed day gives the expected files byte for byte", "[clearing][files]") {
  auto rates = ParticipantRates::from_participants(testing::small_day_participants());
  auto records = testing::read_record_file(small_day_data() / "records.txt");
  fs::path directory = cityclear::testing::scratch_dir("clearing-small-day-files");
  DayFiles files = generate(records, rates, directory);

  std::vector<Position> expected_positions = {{0, 0, 0, 325, 325},
                                              {31000001, 100000, 399, 300, 99301},
                                              {33010001, 4720, 106875, 12, -102167},
                                              {44030001, 5000, 1234, 0, 3766},
                                              {52010001, 3109, 4321, 13, -1225},
                                              {61010001, 0, 0, 0, 0}};
  CHECK(files.positions == expected_positions);
  DayFigures figures = files.streamed_totals.figures();
  CHECK(figures == DayFigures{13, 9, 7, 325});
  REQUIRE(files.files.size() == 11);
  for (const auto& entry : fs::directory_iterator(small_day_data() / "expected")) {
    INFO(entry.path().filename().string());
    std::string expected = testing::read_whole_file(entry.path());
    CHECK(testing::read_whole_file(directory / entry.path().filename()) == expected);
    check_trailer_hash(expected);
  }
  for (const auto& file : files.files) {
    std::string content = testing::read_whole_file(directory / file.name);
    CHECK(file.size_bytes == static_cast<int64_t>(content.size()));
    CHECK(cityclear::to_hex(file.sha256) == cityclear::sha256_hex(content));
    CHECK(file.chunk_count == 1);
  }
  size_t leftovers = 0;
  for (const auto& entry : fs::directory_iterator(directory))
    leftovers += entry.path().filename().string().front() == '.';
  CHECK(leftovers == 0);
}

TEST_CASE("files are the same bytes on tmpfs (which refuses O_DIRECT before Linux 6.6)",
          "[clearing][files]") {
  fs::path shared_memory = "/dev/shm";
  if (!fs::is_directory(shared_memory)) return;
  auto rates = ParticipantRates::from_participants(testing::small_day_participants());
  auto records = testing::read_record_file(small_day_data() / "records.txt");
  fs::path directory = shared_memory / ("cityclear-clearing-tmpfs-" + std::to_string(::getpid()));
  fs::remove_all(directory);
  generate(records, rates, directory);
  for (const auto& entry : fs::directory_iterator(small_day_data() / "expected")) {
    INFO(entry.path().filename().string());
    CHECK(testing::read_whole_file(directory / entry.path().filename()) ==
          testing::read_whole_file(entry.path()));
  }
  fs::remove_all(directory);
}

TEST_CASE("files do not depend on the order records arrive in", "[clearing][files]") {
  auto rates = ParticipantRates::from_participants(testing::small_day_participants());
  auto records = testing::read_record_file(small_day_data() / "records.txt");
  fs::path first = cityclear::testing::scratch_dir("clearing-order-first");
  fs::path second = cityclear::testing::scratch_dir("clearing-order-second");
  DayFiles one = generate(records, rates, first);
  std::reverse(records.begin(), records.end());
  DayFiles two = generate(records, rates, second);
  REQUIRE(one.files.size() == two.files.size());
  for (size_t index = 0; index < one.files.size(); ++index) {
    CHECK(one.files[index].sha256 == two.files[index].sha256);
    CHECK(testing::read_whole_file(first / one.files[index].name) ==
          testing::read_whole_file(second / two.files[index].name));
  }
}

TEST_CASE("big files are handed out in chunks of exactly 1 MiB that make up the file",
          "[clearing][files]") {
  auto rates = ParticipantRates::from_participants(testing::small_day_participants());
  std::vector<ClearingRecord> records;
  // 20000 records of Shanghai cards acquired by Hangzhou: about 2.5 MiB in each of their CLR1
  // files.
  for (uint32_t index = 0; index < 20000; ++index) {
    std::string serial = std::to_string(index / 7);
    std::string asn = "3100000100" + std::string(10 - serial.size(), '0') + serial;
    records.push_back(testing::make_record(0, "HZ2026112100000009AB", 33010001, index + 1, 31000001,
                                           asn, index % 7, 100 + index % 300,
                                           *cityclear::parse_local_timestamp("20261121101010")));
  }
  fs::path directory = cityclear::testing::scratch_dir("clearing-chunks");
  std::map<std::string, std::string> assembled;
  std::map<std::string, int32_t> next_chunk;
  DayFiles files = generate(records, rates, directory, [&](const FileChunk& chunk) {
    CHECK(chunk.chunk_number == next_chunk[std::string(chunk.file_name)]++);
    assembled[std::string(chunk.file_name)] += chunk.bytes;
  });
  for (const auto& file : files.files) {
    std::string content = testing::read_whole_file(directory / file.name);
    CHECK(assembled[file.name] == content);
    CHECK(file.chunk_count ==
          static_cast<int32_t>((content.size() + file_chunk_bytes - 1) / file_chunk_bytes));
    check_trailer_hash(content);
  }
  CHECK(next_chunk["CLR_33010001_20261121.txt"] == 3);
  int64_t fees = 0;
  for (const auto& record : records) fees += (record.amount_fen * 25 + 5000) / 10000;
  CHECK(files.positions[0].fees_fen == fees);
}

TEST_CASE("records naming unconfigured participants are refused with their codes",
          "[clearing][files]") {
  auto rates = ParticipantRates::from_participants(testing::small_day_participants());
  auto records = testing::read_record_file(small_day_data() / "records.txt");
  auto time = *cityclear::parse_local_timestamp("20261121101010");
  records.push_back(testing::make_record(0, "HZ2026112100000003AB", 33010001, 1, 81000001,
                                         "81000001000000000001", 1, 500, time));
  records.push_back(testing::make_record(0, "XX2026112100000003AB", 82000001, 1, 31000001,
                                         "31000001000000000099", 1, 500, time));
  // A rejected record may name an unknown issuer: that alone is fine.
  fs::path directory = cityclear::testing::scratch_dir("clearing-unconfigured");
  try {
    generate(records, rates, directory);
    FAIL("an unconfigured participant was settled");
  } catch (const UnconfiguredParticipants& error) {
    std::string message = error.what();
    CHECK(message.find("issuer 81000001 (1 record)") != std::string::npos);
    CHECK(message.find("acquirer 82000001 (1 record)") != std::string::npos);
    CHECK(message.find("2026-11-21") != std::string::npos);
  }
  CHECK(fs::is_empty(directory));
}

TEST_CASE("streams that disagree with the counted totals are reported and leave no file",
          "[clearing][files]") {
  auto rates = ParticipantRates::from_participants(testing::small_day_participants());
  auto records = testing::read_record_file(small_day_data() / "records.txt");
  DayTotals totals = totals_of(records, rates);
  records.erase(records.begin());  // one record missing from the stream
  fs::path directory = cityclear::testing::scratch_dir("clearing-stream-mismatch");
  DayFilesRequest request{small_day, &rates, totals, directory, {}, {}};
  testing::VectorRecordSource accepted(testing::accepted_by_card_key(records));
  testing::VectorRecordSource rejected(testing::rejected_by_batch(records));
  CHECK_THROWS_AS(write_day_files(request, accepted, rejected), RecordStreamMismatch);
  CHECK(fs::is_empty(directory));
}

TEST_CASE("two accepted records of one card and counter are reported, not written",
          "[clearing][files]") {
  auto rates = ParticipantRates::from_participants(testing::small_day_participants());
  auto records = testing::read_record_file(small_day_data() / "records.txt");
  ClearingRecord twin = records.front();
  twin.sequence = 77;
  records.push_back(twin);
  fs::path directory = cityclear::testing::scratch_dir("clearing-duplicate-card");
  CHECK_THROWS_AS(generate(records, rates, directory), RecordStreamMismatch);
  CHECK(fs::is_empty(directory));
}
