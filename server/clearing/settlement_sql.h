#pragma once
// Every SQL statement of clearing, as fixed named strings: values travel as parameters ($n), or,
// for COPY (which takes none), as transaction-local settings read with current_setting().
namespace cityclear::clearing::sql {

// --- the settle guard: a session advisory lock per day (class 0x436C7273, "Clrs"; key: days since 1970)
inline constexpr const char* try_lock_day = "SELECT pg_try_advisory_lock(1131180659, $1::int)";
inline constexpr const char* unlock_day = "SELECT pg_advisory_unlock(1131180659, $1::int)";

// --- closing the day (waits for ingest transactions holding the row FOR SHARE)
inline constexpr const char* insert_day =
    "INSERT INTO clearing_day (day) VALUES ($1::date) ON CONFLICT (day) DO NOTHING";
inline constexpr const char* lock_day_row = "SELECT state FROM clearing_day WHERE day = $1::date FOR UPDATE";
inline constexpr const char* close_day =
    "UPDATE clearing_day SET state = 'closed', closed_at = now() WHERE day = $1::date AND state = 'open'";
inline constexpr const char* mark_day_settled =
    "UPDATE clearing_day SET state = 'settled', settled_at = now() WHERE day = $1::date AND state = 'closed'";
inline constexpr const char* select_day_state = "SELECT state FROM clearing_day WHERE day = $1::date";
// The day row and record partition of the day after the one being settled (following_day.h).
inline constexpr const char* ensure_day = "SELECT cityclear_ensure_day($1::date)";

// --- the set-based totals: per (accepted, acquirer, issuer) group, with the fee rounded per record
// at the acquirer's rate ($2 codes, $3 rates as int[]); rejected records grouped by acquirer only.
inline constexpr const char* select_day_totals = R"SQL(
SELECT r.reason = 0 AS accepted,
       r.acquirer_code,
       CASE WHEN r.reason = 0 THEN r.issuer_code ELSE 0 END AS issuer_code,
       count(*)::bigint,
       coalesce(sum(r.amount_fen), 0)::bigint,
       coalesce(sum(CASE WHEN r.reason = 0 AND r.issuer_code <> r.acquirer_code
                         THEN (r.amount_fen * rate.fee_bps + 5000) / 10000 ELSE 0 END), 0)::bigint
FROM record r
LEFT JOIN unnest($2::int[], $3::int[]) AS rate (participant_code, fee_bps) ON rate.participant_code = r.acquirer_code
WHERE r.clearing_day = $1::date
GROUP BY 1, 2, 3
)SQL";

// --- the record streams (the day in cityclear.settle_day, read once by an InitPlan: the bare
// current_setting(...)::date would parse the date again for every row; run-time partition pruning
// still reads only the day's partition). The accepted records come unsorted: CardKeySorter
// orders them (see card_key_sorter.h for why not ORDER BY card_key here).
inline constexpr const char* set_settle_day = "SELECT set_config('cityclear.settle_day', $1, true)";
inline constexpr const char* copy_accepted_records = R"SQL(
COPY (SELECT r.card_key, r.issuer_code, r.acquirer_code, r.reason, r.transaction_type, r.card_counter, r.amount_fen,
             r.transaction_time, b.batch_id, r.sequence, r.terminal, r.terminal_serial
      FROM record r JOIN batch b ON b.batch_key = r.batch_key
      WHERE r.clearing_day = (SELECT current_setting('cityclear.settle_day')::date) AND r.reason = 0)
TO STDOUT (FORMAT binary)
)SQL";
inline constexpr const char* copy_rejected_records = R"SQL(
COPY (SELECT r.card_key, r.issuer_code, r.acquirer_code, r.reason, r.transaction_type, r.card_counter, r.amount_fen,
             r.transaction_time, b.batch_id, r.sequence, r.terminal, r.terminal_serial
      FROM record r JOIN batch b ON b.batch_key = r.batch_key
      WHERE r.clearing_day = (SELECT current_setting('cityclear.settle_day')::date) AND r.reason <> 0
      ORDER BY b.batch_id COLLATE "C", r.sequence, r.acquirer_code) TO STDOUT (FORMAT binary)
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
inline constexpr const char* copy_file_chunks =
    "COPY settlement_file_chunk (clearing_day, name, chunk_number, bytes) FROM STDIN (FORMAT binary)";
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
    "SELECT record_count, accepted_count, inter_city_count, total_fees_fen FROM settlement_run WHERE clearing_day = "
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
    "SELECT size_bytes, chunk_count FROM settlement_file WHERE clearing_day = $1::date AND name = $2";

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
