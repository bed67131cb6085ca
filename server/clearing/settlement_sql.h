#pragma once
// Every SQL statement of clearing, as fixed named strings: values travel as parameters ($n), or,
// for COPY (which takes none), as transaction-local settings read with current_setting().
namespace cityclear::clearing::sql {

// --- the settle guard: a session advisory lock per day (class 0x436C7273, "Clrs"; key: days since
// 1970)
inline constexpr const char* try_lock_day = "SELECT pg_try_advisory_lock(1131180659, $1::int)";
inline constexpr const char* unlock_day = "SELECT pg_advisory_unlock(1131180659, $1::int)";

// --- closing the day (waits for ingest transactions holding the row FOR SHARE)
inline constexpr const char* insert_day =
    "INSERT INTO clearing_day (day) VALUES ($1::date) ON CONFLICT (day) DO NOTHING";
inline constexpr const char* lock_day_row =
    "SELECT state FROM clearing_day WHERE day = $1::date FOR UPDATE";
inline constexpr const char* close_day =
    "UPDATE clearing_day SET state = 'closed', closed_at = now() WHERE day = $1::date AND state = "
    "'open'";
inline constexpr const char* mark_day_settled =
    "UPDATE clearing_day SET state = 'settled', settled_at = now() WHERE day = $1::date AND state "
    "= 'closed'";
inline constexpr const char* select_day_state =
    "SELECT state FROM clearing_day WHERE day = $1::date";
// The day row and record partition of the day after the one being settled (following_day.h).
inline constexpr const char* ensure_day = "SELECT cityclear_ensure_day($1::date)";

// --- the set-based totals: per (reason, acquirer, issuer), with the fee of accepted inter-city
// records rounded per record at the acquirer's rate ($2 codes, $3 rates as int[]); the caller
// folds the rejected reasons into one group per acquirer. Grouped by plain columns, which the
// planner estimates from statistics (grouping by expressions, it expected millions of groups
// and sorted the whole day instead of keeping a few hundred groups in one hash table).
inline constexpr const char* select_day_totals = R"SQL(
SELECT r.reason,
       r.acquirer_code,
       r.issuer_code,
       count(*)::bigint,
       coalesce(sum(r.amount_fen), 0)::bigint,
       coalesce(sum(CASE WHEN r.reason = 0 AND r.issuer_code <> r.acquirer_code
                         THEN (r.amount_fen * rate.fee_bps + 5000) / 10000 ELSE 0 END), 0)::bigint
FROM record r
LEFT JOIN unnest($2::int[], $3::int[]) AS rate (participant_code, fee_bps) ON rate.participant_code = r.acquirer_code
WHERE r.clearing_day = $1::date
GROUP BY 1, 2, 3
)SQL";
// Session settings of the run's two transactions: on two cores, parallel workers only take the
// CPU the other connection needs; hash aggregation whatever the statistics say (a sort of the
// day's records costs far more than a hash table of its few hundred groups).
inline constexpr const char* no_parallel_workers = "SET LOCAL max_parallel_workers_per_gather = 0";
inline constexpr const char* no_sorting = "SET LOCAL enable_sort = off";
inline constexpr const char* allow_sorting = "SET LOCAL enable_sort TO DEFAULT";

// --- the day's batches: batch ids and the reject files' order (day_batches.h)
inline constexpr const char* select_day_batches =
    "SELECT batch_key, acquirer_code, batch_id FROM batch WHERE clearing_day = $1::date";

// --- every record of the day in one pass (the day in cityclear.settle_day, read once by an
// InitPlan: the bare current_setting(...)::date would parse the date again for every row;
// run-time partition pruning still reads only the day's partition), unsorted: CardKeySorter and
// the reject sorter order them (see card_key_sorter.h for why not ORDER BY card_key here).
// PostgreSQL 15 spends about as much on each field of a binary COPY row as on reading the row,
// so the narrow columns travel packed into 64-bit fields: 7 fields instead of 12. Each packed
// field is NULL when a part is out of the range its bits hold (the reader then refuses the
// record, as it refuses any value that does not fit its file field):
//   2: sequence << 32 | terminal serial                   (0..2^31-1, 0..2^32-1)
//   4: issuer << 32 | acquirer                            (both 0..2^31-1)
//   5: amount << 31 | counter << 15 | type << 7 | reason  (0..2^32-1, 0..65535, 0..255, 0..127)
inline constexpr const char* set_settle_day = "SELECT set_config('cityclear.settle_day', $1, true)";
inline constexpr const char* copy_day_records = R"SQL(
COPY (SELECT r.batch_key,
             CASE WHEN r.sequence >= 0 AND r.terminal_serial BETWEEN 0 AND 4294967295
                  THEN (r.sequence::bigint << 32) | r.terminal_serial END,
             r.card_key,
             CASE WHEN r.issuer_code >= 0 AND r.acquirer_code >= 0
                  THEN (r.issuer_code::bigint << 32) | r.acquirer_code::bigint END,
             CASE WHEN r.amount_fen BETWEEN 0 AND 4294967295 AND r.card_counter BETWEEN 0 AND 65535
                       AND r.transaction_type BETWEEN 0 AND 255 AND r.reason BETWEEN 0 AND 127
                  THEN (r.amount_fen << 31) | (r.card_counter::bigint << 15) | (r.transaction_type::bigint << 7)
                       | r.reason::bigint END,
             r.transaction_time,
             r.terminal
      FROM record r
      WHERE r.clearing_day = (SELECT current_setting('cityclear.settle_day')::date))
TO STDOUT (FORMAT binary)
)SQL";

// --- storing a run
inline constexpr const char* insert_run = R"SQL(
INSERT INTO settlement_run (clearing_day, settled_at, record_count, accepted_count, inter_city_count, total_fees_fen,
                            participants_sha256)
VALUES ($1::date, now(), $2, $3, $4, $5, decode($6, 'hex'))
)SQL";
inline constexpr const char* insert_rates = R"SQL(
INSERT INTO settlement_rate (clearing_day, participant_code, fee_bps)
SELECT $1::date, code, fee_bps FROM unnest($2::int[], $3::int[]) AS rate (code, fee_bps)
)SQL";
// Files are entered before their chunks (foreign key); size and hash are filled in once written.
// $4 is the participant, 0 (the center's code, never a participant's) for the STL1 file: NULL.
inline constexpr const char* insert_file = R"SQL(
INSERT INTO settlement_file (clearing_day, name, kind, participant_code, sha256, size_bytes, chunk_count)
VALUES ($1::date, $2, $3, nullif($4::int, 0), decode(repeat('00', 32), 'hex'), 0, 0)
)SQL";
// The WHERE clause is always true; being volatile, it makes PostgreSQL insert each row as it
// arrives. Without it, PostgreSQL 15 buffers up to 1000 rows of a binary COPY before inserting
// them (it counts no bytes for binary rows): for 1 MiB chunks, a GiB of server memory, and
// seconds in which the server compresses a batch and reads nothing while the files wait.
inline constexpr const char* copy_file_chunks =
    "COPY settlement_file_chunk (clearing_day, name, chunk_number, bytes) FROM STDIN (FORMAT "
    "binary) "
    "WHERE random() >= 0";
inline constexpr const char* update_file = R"SQL(
UPDATE settlement_file SET sha256 = decode($3, 'hex'), size_bytes = $4, chunk_count = $5
WHERE clearing_day = $1::date AND name = $2
)SQL";
inline constexpr const char* insert_positions = R"SQL(
INSERT INTO settlement_position (clearing_day, participant_code, receivable_fen, payable_fen, fees_fen, net_fen)
SELECT $1::date, code, receivable, payable, fees, net
FROM unnest($2::int[], $3::bigint[], $4::bigint[], $5::bigint[], $6::bigint[])
     AS p (code, receivable, payable, fees, net)
)SQL";

// --- reading a run back
inline constexpr const char* select_run =
    "SELECT record_count, accepted_count, inter_city_count, total_fees_fen FROM settlement_run "
    "WHERE clearing_day = "
    "$1::date";
inline constexpr const char* select_positions = R"SQL(
SELECT participant_code, receivable_fen, payable_fen, fees_fen, net_fen
FROM settlement_position WHERE clearing_day = $1::date ORDER BY participant_code
)SQL";
inline constexpr const char* select_files = R"SQL(
SELECT name, kind, participant_code, encode(sha256, 'hex'), size_bytes, chunk_count
FROM settlement_file WHERE clearing_day = $1::date ORDER BY name COLLATE "C"
)SQL";
// Sizes of the stored chunks (octet_length reads the TOAST header, not the bytes).
inline constexpr const char* select_stored_chunk_sizes = R"SQL(
SELECT f.name, count(c.chunk_number)::bigint, coalesce(sum(octet_length(c.bytes)), 0)::bigint
FROM settlement_file f LEFT JOIN settlement_file_chunk c ON c.clearing_day = f.clearing_day AND c.name = f.name
WHERE f.clearing_day = $1::date GROUP BY f.name ORDER BY f.name COLLATE "C"
)SQL";
inline constexpr const char* select_file =
    "SELECT size_bytes, chunk_count FROM settlement_file WHERE clearing_day = $1::date AND name = "
    "$2";

// --- streaming a stored file (the day and name in cityclear.file_day and cityclear.file_name)
inline constexpr const char* set_file_day = "SELECT set_config('cityclear.file_day', $1, true)";
inline constexpr const char* set_file_name = "SELECT set_config('cityclear.file_name', $1, true)";
inline constexpr const char* copy_stored_file = R"SQL(
COPY (SELECT chunk_number, bytes FROM settlement_file_chunk
      WHERE clearing_day = (SELECT current_setting('cityclear.file_day')::date)
        AND name = (SELECT current_setting('cityclear.file_name'))
      ORDER BY chunk_number) TO STDOUT (FORMAT binary)
)SQL";

}  // namespace cityclear::clearing::sql
