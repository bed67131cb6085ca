// Binary COPY whose buffers go out on a sending thread (CopySender), bounded by a small queue.
#include <catch2/catch.hpp>

#include <pqxx/pqxx>

#include "store/binary_copy.h"
#include "support/test_database.h"

using namespace cityclear;
using namespace cityclear::testing;

namespace {

void create_table(pqxx::connection& connection) {
  pqxx::work transaction(connection);
  transaction.exec("DROP TABLE IF EXISTS copy_sender_probe");
  transaction.exec("CREATE TABLE copy_sender_probe (id bigint PRIMARY KEY, label text NOT NULL)");
  transaction.commit();
}

void write_rows(store::BinaryCopyWriter& writer, int64_t first, int64_t count) {
  for (int64_t id = first; id < first + count; ++id) {
    writer.begin_row(2);
    writer.add_int64(id);
    writer.add_text("row " + std::to_string(id));
  }
}

}  // namespace

TEST_CASE("rows sent by the sending thread all arrive, in a queue far smaller than the data") {
  auto connection = connect_test_database();
  create_table(*connection);
  size_t queue_bytes = GENERATE(size_t{1} << 16, size_t{1} << 20);
  INFO("queue bytes " << queue_bytes);
  pqxx::work transaction(*connection);
  transaction.exec("TRUNCATE copy_sender_probe");
  {
    store::BinaryCopyWriter writer(transaction,
                                   "COPY copy_sender_probe (id, label) FROM STDIN (FORMAT binary)",
                                   4096, queue_bytes);
    write_rows(writer, 0, 200000);
    CHECK(writer.finish() == 200000);
  }
  auto totals =
      transaction.exec("SELECT count(*), sum(id), count(DISTINCT label) FROM copy_sender_probe")[0];
  CHECK(totals[0].as<int64_t>() == 200000);
  CHECK(totals[1].as<int64_t>() == 199999LL * 200000 / 2);
  CHECK(totals[2].as<int64_t>() == 200000);
}

TEST_CASE(
    "a COPY the server refuses midway reports the unique key, and the transaction is failed") {
  auto connection = connect_test_database();
  create_table(*connection);
  pqxx::work transaction(*connection);
  transaction.exec("INSERT INTO copy_sender_probe VALUES (150000, 'taken')");
  bool refused = false;
  try {
    store::BinaryCopyWriter writer(transaction,
                                   "COPY copy_sender_probe (id, label) FROM STDIN (FORMAT binary)",
                                   4096, 1 << 16);
    write_rows(writer, 0, 300000);
    writer.finish();
  } catch (const store::CopyFailed& failed) {
    refused = true;
    CHECK(failed.unique_violation());
  }
  CHECK(refused);
  transaction.abort();
  pqxx::work after(*connection);
  CHECK(after.exec("SELECT count(*) FROM copy_sender_probe")[0][0].as<int64_t>() == 0);
}
