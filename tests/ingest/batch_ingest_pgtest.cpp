#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <pqxx/pqxx>
#include <thread>

#include "common/sha256.h"
#include "ingest/batch_ingestor.h"
#include "ingest/raw_archive.h"
#include "ingest/support/ingest_fixture.h"
#include "support/tb1_builder.h"
#include "support/test_database.h"
#include "support/test_paths.h"

using namespace cityclear;
using namespace cityclear::testing;

namespace {

const std::string hangzhou = "33010001";

std::string rebuilt(Tb1File file) {
  return file.build(sample_file_key(file.acquirer_code));
}

Tb1File sample_file() {
  return Tb1File::parse(sample_batch_text());
}

}  // namespace

TEST_CASE("the sample file gets the expected reason for every record") {
  IngestFixture fixture;
  auto outcome = fixture.ingest_text(sample_batch_text());
  REQUIRE(outcome.accepted);
  CHECK(outcome.batch_id == "HZ2026112100000001AB");
  CHECK(outcome.acquirer_code == 33010001u);
  CHECK(outcome.records == 11);
  CHECK(outcome.clearing_date == CivilDate{2026, 11, 21});
  CHECK_FALSE(outcome.repeat);
  auto expected = nlohmann::json::parse(read_text_file((samples_dir() / "expected.json").string()));
  auto reasons = fixture.reasons_of("HZ2026112100000001AB");
  REQUIRE(reasons.size() == 11);
  std::map<std::string, int64_t> expected_counts;
  for (const auto& [sequence, reason] : expected["reasons_by_sequence"].items()) {
    INFO("record " << sequence);
    CHECK(reasons[std::stoi(sequence)] == reason.get<std::string>());
    ++expected_counts[reason.get<std::string>()];
  }
  CHECK(outcome.by_reason == expected_counts);
  auto json = ingest::to_json(outcome);
  CHECK(json["status"] == "accepted");
  CHECK(json["clearing_date"] == "20261121");
  CHECK(json["reason"].is_null());
}

TEST_CASE("the same bytes again answer the original outcome and store nothing") {
  IngestFixture fixture;
  auto first = fixture.ingest_text(sample_batch_text());
  auto second = fixture.ingest_text(sample_batch_text(), "20261122100000");
  CHECK(second.repeat);
  CHECK(second.accepted);
  CHECK(second.by_reason == first.by_reason);
  CHECK(second.clearing_date == first.clearing_date);
  CHECK(second.sha256_hex == first.sha256_hex);
  CHECK(fixture.count("SELECT count(*) FROM raw_file") == 1);
  CHECK(fixture.count("SELECT count(*) FROM record") == 11);
  auto found = fixture.ingestor->find(33010001, "HZ2026112100000001AB");
  REQUIRE(found);
  CHECK(found->by_reason == first.by_reason);
}

TEST_CASE("whole-file rejections store the raw bytes and the rejection only") {
  IngestFixture fixture(nlohmann::json{{"ingest", {{"max_records_per_file", 10}}}});
  SECTION("F05: over the record limit") {
    auto outcome = fixture.ingest_text(sample_batch_text());
    CHECK(outcome.reason == "F05");
    CHECK(ingest::http_status(outcome) == 422);
  }
  SECTION("the same rejected bytes again: the original outcome, stored once") {
    fixture.ingest_text(sample_batch_text());
    auto again = fixture.ingest_text(sample_batch_text());
    CHECK(again.repeat);
    CHECK(again.reason == "F05");
    CHECK(fixture.count("SELECT count(*) FROM raw_file") == 1);
  }
  CHECK(fixture.count("SELECT count(*) FROM record") == 0);
}

TEST_CASE("F01, F02, F03 and their order") {
  IngestFixture fixture;
  Tb1File file = sample_file();
  SECTION("F02: a MAC that does not verify") {
    std::string text = sample_batch_text();
    text[text.size() - 2] = text[text.size() - 2] == '0' ? '1' : '0';
    auto outcome = fixture.ingest_text(text);
    CHECK(outcome.reason == "F02");
    CHECK(fixture.count("SELECT count(*) FROM raw_file") == 1);
    CHECK(fixture.count(
              "SELECT count(*) FROM batch WHERE status = 'rejected' AND reason = 'F02'") == 1);
  }
  SECTION("F03: an acquirer without a file key") {
    file.acquirer_code = "99990001";
    auto outcome = fixture.ingest_text(file.build(sample_file_key(hangzhou)));
    CHECK(outcome.reason == "F03");
    CHECK(outcome.detail->find("99990001") != std::string::npos);
  }
  SECTION("F01 in a detail line, with a valid MAC") {
    file.detail_lines[2].replace(41, 5, "70000");
    auto outcome = fixture.ingest_text(rebuilt(file));
    CHECK(outcome.reason == "F01");
    CHECK(outcome.detail->find("line 4") != std::string::npos);
    CHECK(outcome.detail->find("card counter") != std::string::npos);
  }
  SECTION("F02 is decided before a malformed detail line") {
    std::string text = sample_batch_text();
    text.replace(text.find('\n') + 1 + 41, 5, "70000");
    CHECK(fixture.ingest_text(text).reason == "F02");
  }
  SECTION("F01 of the header is decided before F03") {
    file.acquirer_code = "9999000X";
    CHECK(fixture.ingest_text(file.build(sample_file_key(hangzhou))).reason == "F01");
  }
  CHECK(fixture.count("SELECT count(*) FROM record") == 0);
}

TEST_CASE("F04: a batch id accepted before with other bytes") {
  IngestFixture fixture;
  REQUIRE(fixture.ingest_text(sample_batch_text()).accepted);
  Tb1File file = sample_file();
  file.detail_lines.pop_back();
  auto outcome = fixture.ingest_text(rebuilt(file));
  CHECK(outcome.reason == "F04");
  CHECK(ingest::http_status(outcome) == 409);
  CHECK(fixture.count("SELECT count(*) FROM record") == 11);
  auto found = fixture.ingestor->find(33010001, "HZ2026112100000001AB");
  REQUIRE(found);
  CHECK(found->accepted);  // the accepted one is the batch id's outcome
}

TEST_CASE("an uploader who is not the file's acquirer is refused and nothing is stored") {
  IngestFixture fixture;
  ingest::Upload upload;
  std::string text = sample_batch_text();
  upload.bytes = text;
  upload.uploader_code = 31000001;
  CHECK_THROWS_AS(fixture.ingestor->ingest(upload), ingest::UploadForbidden);
  CHECK(fixture.count("SELECT count(*) FROM raw_file") == 0);
}

TEST_CASE("a record accepted in an earlier file is a duplicate later") {
  IngestFixture fixture;
  REQUIRE(fixture.ingest_text(sample_batch_text()).accepted);
  Tb1File file = sample_file();
  file.batch_id = "HZ2026112100000002AB";
  file.detail_lines = {file.detail_lines[0], file.detail_lines[3]};
  file.renumber();
  auto outcome = fixture.ingest_text(rebuilt(file));
  REQUIRE(outcome.accepted);
  CHECK(fixture.reasons_of("HZ2026112100000002AB") ==
        std::map<int, std::string>{{1, "03"}, {2, "11"}});
}

TEST_CASE(
    "repeats within a file and records accepted before: 03 for all but the first acceptance") {
  int pool_size = GENERATE(1, 4);  // the archive in the batch's transaction, or beside it
  INFO("pool size " << pool_size);
  IngestFixture fixture(nlohmann::json::object(), pool_size);
  Tb1File first = sample_file();
  first.batch_id = "DUPA0000000000000001";
  first.detail_lines = {first.detail_lines[0]};
  first.renumber();
  REQUIRE(fixture.ingest_text(rebuilt(first)).by_reason ==
          std::map<std::string, int64_t>{{"00", 1}});

  Tb1File second = sample_file();
  second.batch_id = "DUPB0000000000000001";
  const auto& lines = second.detail_lines;
  second.detail_lines = {lines[1], lines[0], lines[1], lines[3], lines[0], lines[2], lines[1]};
  second.renumber();
  auto outcome = fixture.ingest_text(rebuilt(second));
  REQUIRE(outcome.accepted);
  CHECK(fixture.reasons_of("DUPB0000000000000001") ==
        std::map<int, std::string>{
            {1, "00"}, {2, "03"}, {3, "03"}, {4, "11"}, {5, "03"}, {6, "00"}, {7, "03"}});
  CHECK(outcome.by_reason == std::map<std::string, int64_t>{{"00", 2}, {"03", 4}, {"11", 1}});
  CHECK(fixture.count("SELECT count(*) FROM accepted_card_counter") == 3);
  CHECK(fixture.count("SELECT count(*) FROM record WHERE reason = 0") == 3);
  CHECK(fixture.count("SELECT count(*) FROM raw_file") == 2);
  CHECK(fixture.count("SELECT count(*) FROM raw_file r WHERE size_bytes = "
                      "(SELECT sum(length(bytes)) FROM raw_file_chunk c WHERE c.raw_file_id = "
                      "r.raw_file_id)") == 2);
}

TEST_CASE(
    "bytes archived by an attempt that stored no outcome are archived once, and the batch is "
    "stored") {
  IngestFixture fixture;
  std::string text = sample_batch_text();
  {
    auto connection = connect_test_database();
    ingest::StoredBytes bytes{text, cityclear::sha256_hex(text), ingest::UploadSource::cli, 0, {}};
    ingest::archive_raw_file_committed(*connection, bytes);
  }
  REQUIRE(fixture.count("SELECT count(*) FROM raw_file") == 1);
  auto outcome = fixture.ingest_text(text);
  CHECK(outcome.accepted);
  CHECK_FALSE(outcome.repeat);
  CHECK(fixture.count("SELECT count(*) FROM raw_file") == 1);
  CHECK(fixture.count("SELECT count(*) FROM batch") == 1);
  CHECK(fixture.count("SELECT count(*) FROM record") == 11);
  CHECK(fixture.ingest_text(text).repeat);
}

TEST_CASE("two concurrent uploads of the same records: exactly one accepts each") {
  // Pool 4: one upload claims its keys beside its records and one after them; pool 6: both beside.
  int pool_size = GENERATE(4, 6);
  INFO("pool size " << pool_size);
  for (int round = 0; round < 4; ++round) {
    IngestFixture fixture(nlohmann::json::object(), pool_size);
    Tb1File first = sample_file();
    first.batch_id = "RACEA000000000000001";
    first.detail_lines = {first.detail_lines[0], first.detail_lines[1], first.detail_lines[2]};
    first.renumber();
    Tb1File second = first;
    second.batch_id = "RACEB000000000000001";
    std::reverse(second.detail_lines.begin(), second.detail_lines.end());
    second.renumber();
    std::string first_text = rebuilt(first);
    std::string second_text = rebuilt(second);
    ingest::BatchOutcome first_outcome, second_outcome;
    std::thread other([&] { second_outcome = fixture.ingest_text(second_text); });
    first_outcome = fixture.ingest_text(first_text);
    other.join();
    REQUIRE(first_outcome.accepted);
    REQUIRE(second_outcome.accepted);
    CHECK(first_outcome.by_reason["00"] + second_outcome.by_reason["00"] == 3);
    CHECK(first_outcome.by_reason["03"] + second_outcome.by_reason["03"] == 3);
    CHECK(fixture.count("SELECT count(*) FROM accepted_card_counter") == 3);
    CHECK(fixture.count("SELECT count(DISTINCT card_key) FROM record WHERE reason = 0") == 3);
    CHECK(fixture.count(
              "SELECT count(*) FROM pg_prepared_xacts WHERE database = current_database()") == 0);
  }
}

TEST_CASE("the clearing day follows the cutoff and skips days no longer open") {
  IngestFixture fixture;
  Tb1File file = sample_file();
  auto upload = [&](const std::string& id, const std::string& received) {
    file.batch_id = id;
    return fixture.ingest_text(rebuilt(file), received);
  };
  CHECK(upload("DAY00000000000000001", "20261121225959").clearing_date == CivilDate{2026, 11, 21});
  CHECK(upload("DAY00000000000000002", "20261121230000").clearing_date == CivilDate{2026, 11, 22});
  auto connection = connect_test_database();
  pqxx::work transaction(*connection);
  transaction.exec(
      "UPDATE clearing_day SET state = 'closed', closed_at = now() WHERE day = '2026-11-22'");
  transaction.commit();
  CHECK(upload("DAY00000000000000003", "20261121233000").clearing_date == CivilDate{2026, 11, 23});
}

TEST_CASE("a card blacklisted before the transaction time is rejected with 13") {
  IngestFixture fixture;
  {
    auto connection = connect_test_database();
    pqxx::work transaction(*connection);
    transaction.exec(
        "INSERT INTO blacklist_version VALUES (1, '2026-11-21 08:00:00', now(), 1, '\\x00', "
        "'\\x00')");
    transaction.exec(
        "INSERT INTO blacklist_entry (issuer_code, card_asn, code, listed_version, listed_local) "
        "VALUES (31000001, '31000001000000000001', 26, 1, '2026-11-21 08:00:00')");
    transaction.commit();
  }
  REQUIRE(fixture.ingest_text(sample_batch_text()).accepted);
  auto reasons = fixture.reasons_of("HZ2026112100000001AB");
  CHECK(reasons[1] == "13");
  CHECK(reasons[11] == "13");  // its duplicate: 13 comes before 03
  CHECK(reasons[2] == "00");
}
