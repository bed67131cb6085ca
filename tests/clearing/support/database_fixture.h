#pragma once
// The clearing pg tests' database: migrations applied, a day's rows removed, and batches with
// their records inserted as ingest would store them (raw file, batch, records by binary COPY).
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <pqxx/connection>
#include <pqxx/dbtransaction>

#include "clearing/clearing_record.h"
#include "common/local_time.h"
#include "config/config.h"
#include "store/connection_pool.h"

namespace cityclear::clearing::testing {

// A connection to CITYCLEAR_TEST_DATABASE_URL with the schema migrated (fails the test when unset).
std::unique_ptr<pqxx::connection> connect_test_database();
std::unique_ptr<store::ConnectionPool> make_test_pool(int size = 4);

// Removes every row of `day`: settlement rows, records, batches and their raw files, the day row.
void remove_day(pqxx::connection& connection, CivilDate day);

// Inserts records grouped into their batches (one batch row per batch id) for `day`, in the
// caller's transaction; the day row and partition must exist (cityclear_ensure_day).
void insert_batches(pqxx::dbtransaction& transaction, CivilDate day,
                    const std::vector<ClearingRecord>& records);
// Ensures the day and inserts the records in one transaction of its own.
void insert_day_records(pqxx::connection& connection, CivilDate day,
                        const std::vector<ClearingRecord>& records);

// A configuration for the settlement service: the small day's participants, output in `output_dir`.
Config make_clearing_config(const std::filesystem::path& output_dir);

int64_t count_records(pqxx::connection& connection, CivilDate day);
std::string day_state(pqxx::connection& connection, CivilDate day);

}  // namespace cityclear::clearing::testing
