// An ingest killed halfway (the process dies mid-transaction) leaves nothing half-stored, and a
// retry of the same file succeeds. The raw bytes are archived beside the batch's transaction, so
// the kill may find them archived already: then whole (every chunk), and reused by the retry.
#include <catch2/catch.hpp>
#include <csignal>
#include <pqxx/pqxx>

#include "support/run_cityclear.h"
#include "support/tb1_builder.h"
#include "support/test_database.h"
#include "support/test_paths.h"

using namespace cityclear::testing;

namespace {

int64_t count_rows(const std::string& table) {
  auto connection = connect_test_database();
  pqxx::read_transaction transaction(*connection);
  return transaction.exec("SELECT count(*) FROM " + table)[0][0].as<int64_t>();
}

// A large valid file: the sample's first record repeated (later copies are duplicates, 03).
std::string large_file_path(const std::filesystem::path& folder, size_t records) {
  Tb1File sample = Tb1File::parse(
      read_text_file((samples_dir() / "TB1_33010001_HZ2026112100000001AB.txt").string()));
  Tb1File large = sample;
  large.batch_id = "KILL0000000000000001";
  large.detail_lines.assign(records, sample.detail_lines[0]);
  large.renumber();
  std::string path = (folder / "TB1_33010001_KILL0000000000000001.txt").string();
  write_text_file(path, large.build(sample_file_key(sample.acquirer_code)));
  return path;
}

}  // namespace

TEST_CASE("an ingest killed in the middle stores nothing, and the retry succeeds") {
  reset_test_database();
  auto config =
      write_app_config("killed_ingest", test_database_url(), {{"log", {{"level", "debug"}}}});
  std::string file = large_file_path(config.parent_path(), 300000);
  {
    BackgroundCityclear ingest(
        {"--config", config.string(), "ingest", "--received", "20261121100000", file});
    // The file has been hashed and checked; the storing transaction is under way now.
    REQUIRE(ingest.wait_for_line("file examined", 60000));
    ingest.send_signal(SIGKILL);
    REQUIRE(ingest.wait_for_exit(10000));
  }
  int64_t archived = count_rows("raw_file");
  CHECK(archived <= 1);
  CHECK(count_rows("raw_file r WHERE size_bytes <> coalesce("
                   "(SELECT sum(length(bytes)) FROM raw_file_chunk c WHERE c.raw_file_id = "
                   "r.raw_file_id), 0)") == 0);
  CHECK(count_rows("batch") == 0);
  CHECK(count_rows("record") == 0);
  CHECK(count_rows("accepted_card_counter") == 0);

  CommandResult retry = run_cityclear(
      {"--config", config.string(), "ingest", "--json", "--received", "20261121100000", file});
  INFO(retry.err);
  REQUIRE(retry.exit_code == 0);
  auto outcome = nlohmann::json::parse(lines_of(retry.out).at(0));
  CHECK(outcome["status"] == "accepted");
  CHECK(outcome["repeat"] == false);
  CHECK(outcome["by_reason"]["00"] == 1);
  CHECK(outcome["by_reason"]["03"] == 299999);
  CHECK(count_rows("record") == 300000);
  CHECK(count_rows("raw_file") == 1);
  CHECK(count_rows("batch") == 1);
}
