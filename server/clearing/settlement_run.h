#pragma once
// Steps two to four of settling a closed day, on the connection that holds the day's lock:
//  - one REPEATABLE READ transaction reads the day row (it must be closed; it is not locked
//    until the final UPDATE, so late uploads reading it FOR SHARE never wait on a run);
//  - a second pooled connection (REPEATABLE READ, read only) reads every record of the day once
//    (one binary COPY), tallying them and sorting the accepted ones by card key and the rejected
//    ones by batch id, sequence; then, on the same snapshot, it counts the day set-based (GROUP
//    BY, fees rounded in SQL) while the files are written;
//  - the run, its rates and file rows are stored, the files are written from the sorted records
//    (temporary names, headers from the tally), each chunk going to disk (disk writer thread) and
//    into settlement_file_chunk (chunk storing thread) as it is made; then the streamed figures
//    are checked against the tally and the set-based ones, what was stored against what was
//    computed, and the day is marked settled;
//  - after the commit, the files are renamed to their final names (publish_files).
// A failure before the commit leaves the day closed and nothing stored; running again redoes it.
#include <pqxx/connection>

#include "clearing/settlement_service.h"

namespace cityclear::clearing {

SettlementResult settle_closed_day(pqxx::connection& connection, store::ConnectionPool& pool,
                                   const Config& config, CivilDate day,
                                   const SettlementProgress& progress);

}  // namespace cityclear::clearing
