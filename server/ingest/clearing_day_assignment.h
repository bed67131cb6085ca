#pragma once
// Which clearing day a file accepted now belongs to (clearing.md): the local date of receipt, or
// the next date at or after the cutoff; a day no longer open passes the file to the next open one.
#include <cstdint>

#include <pqxx/connection>
#include <pqxx/transaction_base>

#include "common/local_time.h"

namespace cityclear::ingest {

// The day the receipt time asks for, before looking at which days are still open.
CivilDate wanted_clearing_day(int64_t received_local_seconds, int64_t cutoff_seconds);

// The first open day on or after `wanted`, creating day rows and record partitions as needed
// (each in a short transaction of its own: partitions are DDL).
CivilDate first_open_day(pqxx::connection& connection, CivilDate wanted);

// Inside the ingest transaction: takes the day FOR SHARE until commit; false when it is no
// longer open (the caller starts over with the next day).
bool hold_open_day(pqxx::transaction_base& transaction, CivilDate day);

std::string sql_date(CivilDate day);  // YYYY-MM-DD

}  // namespace cityclear::ingest
