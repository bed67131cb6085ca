#pragma once
// Steps two to four of settling a closed day, on the connection that holds the day's lock:
//  - one REPEATABLE READ transaction reads the day row (it must be closed; it is not locked
//    until the final UPDATE, so late uploads reading it FOR SHARE never wait on a run), counts the
//    day set-based (GROUP BY, on this connection, while a second connection streams the
//    accepted records into a CardKeySorter), stores the run, its rates and file rows, streams
//    every file chunk into settlement_file_chunk as the files are written (temporary names),
//    checks streamed against set-based figures and what was stored against what was computed,
//    and marks the day settled;
//  - after the commit, the files are renamed to their final names (publish_files).
// A failure before the commit leaves the day closed and nothing stored; running again redoes it.
#include <pqxx/connection>

#include "clearing/settlement_service.h"

namespace cityclear::clearing {

SettlementResult settle_closed_day(pqxx::connection& connection, store::ConnectionPool& pool, const Config& config,
                                   CivilDate day, const SettlementProgress& progress);

}  // namespace cityclear::clearing
