// Keys claimed in a prepared transaction beside the records (two-phase commit), and what happens
// to such claims when their process dies before committing them.
#include <catch2/catch.hpp>

#include <chrono>
#include <future>
#include <pqxx/pqxx>
#include <thread>

#include "ingest/prepared_claims.h"
#include "ingest/support/ingest_fixture.h"
#include "support/test_database.h"

using namespace cityclear;
using namespace cityclear::testing;

namespace {

// What a process that died after PREPARE TRANSACTION leaves behind: one claimed key, prepared.
void leave_prepared_claim(int64_t batch_key, const std::string& key_uuid) {
  auto connection = connect_test_database();
  pqxx::nontransaction session(*connection);
  session.exec("BEGIN");
  session.exec_params(
      "INSERT INTO accepted_card_counter (card_key, batch_key, sequence) VALUES ($1::uuid, $2, 1)",
      key_uuid, batch_key);
  session.exec("PREPARE TRANSACTION '" + ingest::claims_transaction_name(batch_key) + "'");
}

// Every file takes the large-file path (prepared claims on a second connection).
nlohmann::json large_path() {
  return {{"ingest", {{"small_file_max_bytes", 0}}}};
}

int64_t prepared_count(IngestFixture& fixture) {
  return fixture.count(
      "SELECT count(*) FROM pg_prepared_xacts WHERE database = current_database()");
}

}  // namespace

TEST_CASE(
    "the test server allows prepared transactions, so the claims beside the records are under "
    "test") {
  auto connection = connect_test_database();
  CHECK(ingest::prepared_transactions_enabled(*connection));
}

TEST_CASE(
    "keys claimed beside the records are committed with the batch and leave nothing prepared") {
  int pool_size = GENERATE(1, 2, 3, 4);  // no helper, claims only, claims and archive
  INFO("pool size " << pool_size);
  IngestFixture fixture(large_path(), pool_size);
  auto outcome = fixture.ingest_text(sample_batch_text());
  REQUIRE(outcome.accepted);
  CHECK(fixture.count("SELECT count(*) FROM accepted_card_counter") == outcome.by_reason["00"]);
  CHECK(
      fixture.count(
          "SELECT count(*) FROM accepted_card_counter a JOIN record r USING (batch_key, sequence) "
          "WHERE r.reason = 0 AND r.card_key = a.card_key") == outcome.by_reason["00"]);
  CHECK(prepared_count(fixture) == 0);
}

TEST_CASE("abandoned claims are committed if their batch was stored and rolled back if not") {
  IngestFixture fixture;
  REQUIRE(fixture.ingest_text(sample_batch_text()).accepted);
  int64_t stored_batch = fixture.count("SELECT max(batch_key) FROM batch");
  leave_prepared_claim(stored_batch, "11111111-1111-1111-1111-111111111111");
  leave_prepared_claim(stored_batch + 1000, "22222222-2222-2222-2222-222222222222");
  REQUIRE(prepared_count(fixture) == 2);

  auto connection = connect_test_database();
  CHECK(ingest::resolve_abandoned_claims(*connection) == 2);
  CHECK(prepared_count(fixture) == 0);
  CHECK(fixture.count("SELECT count(*) FROM accepted_card_counter WHERE card_key = "
                      "'11111111-1111-1111-1111-111111111111'") == 1);
  CHECK(fixture.count("SELECT count(*) FROM accepted_card_counter WHERE card_key = "
                      "'22222222-2222-2222-2222-222222222222'") == 0);
  CHECK(ingest::resolve_abandoned_claims(*connection) == 0);
}

TEST_CASE(
    "claims whose batch transaction is still open are left alone, and resolved once it ends") {
  IngestFixture fixture;
  int64_t batch_key = 4242;
  auto owner = connect_test_database();
  pqxx::work owner_transaction(*owner);
  owner_transaction.exec_params(
      "SELECT pg_advisory_xact_lock(1113683043, ($1::bigint % 2147483647)::int)", batch_key);
  leave_prepared_claim(batch_key, "33333333-3333-3333-3333-333333333333");

  auto connection = connect_test_database();
  CHECK(ingest::resolve_abandoned_claims(*connection) == 0);  // never waits for the batch
  CHECK(prepared_count(fixture) == 1);
  owner_transaction.abort();  // the batch was not stored
  CHECK(ingest::resolve_abandoned_claims(*connection) == 1);
  CHECK(prepared_count(fixture) == 0);
  CHECK(fixture.count("SELECT count(*) FROM accepted_card_counter") == 0);
}

TEST_CASE(
    "a live claim, whose owner still holds its session lock, is never resolved by anyone else") {
  IngestFixture fixture;
  int64_t batch_key = 4343;
  auto owner = connect_test_database();
  pqxx::nontransaction owner_session(*owner);
  owner_session.exec_params("SELECT pg_advisory_lock(1131176297, ($1::bigint % 2147483647)::int)",
                            batch_key);
  leave_prepared_claim(batch_key, "44444444-4444-4444-4444-444444444444");
  auto resolver = connect_test_database();
  for (int round = 0; round < 3; ++round) CHECK(ingest::resolve_abandoned_claims(*resolver) == 0);
  CHECK(prepared_count(fixture) == 1);
  owner->disconnect();  // the owner dies: its claim is abandoned once its backend has ended
  int resolved = 0;
  for (int wait = 0; wait < 100 && resolved == 0; ++wait) {
    resolved = ingest::resolve_abandoned_claims(*resolver);
    if (resolved == 0) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  CHECK(resolved == 1);
  CHECK(prepared_count(fixture) == 0);
}

TEST_CASE(
    "an ingest that meets claims abandoned by a process that died resolves them, then claims its "
    "own keys") {
  bool small = GENERATE(true, false);
  INFO((small ? "group commit path" : "large-file path"));
  nlohmann::json overrides = {{"database", {{"lock_timeout_ms", 300}}}};
  if (!small) overrides["ingest"] = {{"small_file_max_bytes", 0}};
  IngestFixture fixture(overrides, 4);
  // A dead process had prepared the claim of a key of the sample file, and its batch was not
  // stored.
  ingest::BatchOutcome alone;
  std::string sample_key = [&] {
    IngestFixture probe;
    alone = probe.ingest_text(sample_batch_text());
    REQUIRE(alone.accepted);
    auto connection = connect_test_database();
    pqxx::read_transaction transaction(*connection);
    return transaction
        .exec("SELECT card_key::text FROM accepted_card_counter ORDER BY card_key LIMIT 1")[0][0]
        .as<std::string>();
  }();
  reset_test_database();
  leave_prepared_claim(777, sample_key);
  auto outcome = fixture.ingest_text(sample_batch_text());
  REQUIRE(outcome.accepted);
  CHECK(outcome.by_reason == alone.by_reason);  // the abandoned claim made no duplicate
  CHECK(prepared_count(fixture) == 0);
  CHECK(fixture.count("SELECT count(*) FROM accepted_card_counter WHERE batch_key = 777") == 0);
}
