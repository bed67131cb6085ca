#pragma once
// Every SQL statement of TB1 ingest, by name. Values are always bound parameters or binary COPY.
#include <cstdint>

namespace cityclear::ingest::statements {

inline constexpr const char* blacklist_version =
    "SELECT coalesce(max(version), 0) FROM blacklist_version";

inline constexpr const char* load_blacklist =
    "SELECT issuer_code, card_asn, listed_local, removed_local FROM blacklist_entry";

inline constexpr const char* find_by_sha256 =
    "SELECT b.batch_key FROM raw_file r JOIN batch b USING (raw_file_id) "
    "WHERE r.kind = 'TB1' AND r.sha256 = decode($1, 'hex')";

inline constexpr const char* find_by_batch_id =
    "SELECT batch_key FROM batch WHERE acquirer_code = $1 AND batch_id = $2 "
    "ORDER BY (status = 'accepted') DESC, batch_key DESC LIMIT 1";

inline constexpr const char* accepted_batch_id =
    "SELECT 1 FROM batch WHERE acquirer_code = $1 AND batch_id = $2 AND status = 'accepted'";

// Read by column name in stored_outcome.cpp.
inline constexpr const char* load_outcomes =
    "SELECT b.batch_key, b.batch_id, b.acquirer_code, b.status, b.reason, b.detail,"
    " to_char(b.clearing_day, 'YYYYMMDD') AS clearing_date, encode(r.sha256, 'hex') AS sha256_hex, "
    "b.record_count,"
    " b.counts_by_reason::text AS counts_by_reason "
    "FROM batch b JOIN raw_file r USING (raw_file_id) WHERE b.batch_key = ANY($1::bigint[])";

inline constexpr const char* ensure_day = "SELECT cityclear_ensure_day($1::date)";

inline constexpr const char* day_state = "SELECT state FROM clearing_day WHERE day = $1::date";

// Held until commit: settlement's FOR UPDATE waits for this batch to commit or roll back.
inline constexpr const char* lock_open_day =
    "SELECT state FROM clearing_day WHERE day = $1::date FOR SHARE";

inline constexpr const char* insert_raw_file =
    "INSERT INTO raw_file (sha256, kind, size_bytes, chunk_count, source, received_at, "
    "received_local) "
    "VALUES (decode($1, 'hex'), 'TB1', $2, $3, $4, now(), $5::timestamp) "
    "ON CONFLICT (sha256) WHERE kind = 'TB1' DO NOTHING RETURNING raw_file_id";
// Bytes archived by an earlier attempt that stored no outcome (it failed or was killed after the
// archive committed): the archive row and all its chunks were committed together.
inline constexpr const char* find_raw_file =
    "SELECT raw_file_id FROM raw_file WHERE kind = 'TB1' AND sha256 = decode($1, 'hex')";

inline constexpr const char* copy_raw_chunks =
    "COPY raw_file_chunk (raw_file_id, chunk_number, bytes) FROM STDIN (FORMAT binary)";

inline constexpr const char* insert_batch =
    "INSERT INTO batch (raw_file_id, acquirer_code, batch_id, status, reason, detail, "
    "clearing_day, created_local, "
    "record_count, total_amount_fen, counts_by_reason, received_at, received_local) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7::date, $8::timestamp, $9, $10, $11::jsonb, now(), "
    "$12::timestamp) "
    "RETURNING batch_key";

// An accepted batch is entered last, once its archive committed (foreign key), under the key its
// records were written with.
inline constexpr const char* next_batch_key =
    "SELECT nextval(pg_get_serial_sequence('batch', 'batch_key'))";
inline constexpr const char* insert_accepted_batch =
    "INSERT INTO batch (batch_key, raw_file_id, acquirer_code, batch_id, status, clearing_day, "
    "created_local, "
    "record_count, total_amount_fen, counts_by_reason, received_at, received_local) OVERRIDING "
    "SYSTEM VALUE "
    "VALUES ($1, $2, $3, $4, 'accepted', $5::date, $6::timestamp, $7, $8, $9::jsonb, now(), "
    "$10::timestamp)";

// The claim: the records and the candidates' keys are written inside this savepoint, so that a
// key found taken (03 against an earlier batch) undoes both and the slow path runs instead.
inline constexpr const char* savepoint_claim = "SAVEPOINT claim";
inline constexpr const char* release_claim = "RELEASE SAVEPOINT claim";
inline constexpr const char* rollback_claim = "ROLLBACK TO SAVEPOINT claim";
// The fast path: every key new, sorted; a taken key fails the COPY with unique_violation (23505),
// after waiting for a concurrent uncommitted claim of it to end.
inline constexpr const char* copy_claims =
    "COPY accepted_card_counter (card_key, batch_key, sequence) FROM STDIN (FORMAT binary)";

// Keys claimed on a second connection, in a prepared transaction (two-phase commit) named
// "cityclear-claims-<batch key>": prepared before the batch's own transaction commits, committed
// right after it. Two advisory locks (keyed by the batch key) tell who may finish it:
// - the batch's transaction holds "Batc" until it ends, so a resolver can tell a batch still in
//   flight (lock busy) from one that committed (batch row) or rolled back (no row);
// - the claims' owner holds "Clai" on its session from before BEGIN until after COMMIT PREPARED,
//   so a live claim (lock busy) is never touched: only one whose owner's connection is gone is.
inline constexpr const char* lock_batch =
    "SELECT pg_advisory_xact_lock(1113683043, ($1::bigint % 2147483647)::int)";
inline constexpr const char* try_batch_lock =
    "SELECT pg_try_advisory_lock(1113683043, ($1::bigint % 2147483647)::int)";
inline constexpr const char* release_batch =
    "SELECT pg_advisory_unlock(1113683043, ($1::bigint % 2147483647)::int)";
inline constexpr const char* lock_claims_owner =
    "SELECT pg_advisory_lock(1131176297, ($1::bigint % 2147483647)::int)";
inline constexpr const char* try_claims_owner =
    "SELECT pg_try_advisory_lock(1131176297, ($1::bigint % 2147483647)::int)";
inline constexpr const char* release_claims_owner =
    "SELECT pg_advisory_unlock(1131176297, ($1::bigint % 2147483647)::int)";
inline constexpr const char* claims_transaction_prefix = "cityclear-claims-";
inline constexpr const char* prepared_claims =
    "SELECT gid FROM pg_prepared_xacts WHERE database = current_database() AND gid LIKE "
    "'cityclear-claims-%' "
    "ORDER BY gid";
inline constexpr const char* batch_exists = "SELECT 1 FROM batch WHERE batch_key = $1";
inline constexpr const char* max_prepared_transactions =
    "SELECT current_setting('max_prepared_transactions')::int";
// PREPARE TRANSACTION and COMMIT/ROLLBACK PREPARED take no parameters: the name is written from
// the batch key (an integer of ours, never input) by prepared_claims.cpp.
inline constexpr const char* begin = "BEGIN";
inline constexpr const char* rollback = "ROLLBACK";

// The slow path's candidates, kept per session and emptied at every commit.
inline constexpr const char* create_candidates =
    "CREATE TEMP TABLE IF NOT EXISTS ingest_candidate (card_key uuid NOT NULL, sequence int NOT "
    "NULL) "
    "ON COMMIT DELETE ROWS";
inline constexpr const char* copy_candidates =
    "COPY ingest_candidate (card_key, sequence) FROM STDIN (FORMAT binary)";

// Claims every candidate's (issuer, ASN, counter) in one statement (keys are distinct: repeats
// within the file were decided in memory); the unique key decides races with concurrent uploads
// (a conflicting uncommitted insert makes this wait for its outcome). Answers the sequences that
// lost to a key accepted before.
inline constexpr const char* claim_candidates =
    "WITH winners AS ("
    " INSERT INTO accepted_card_counter (card_key, batch_key, sequence)"
    " SELECT card_key, $1::bigint, sequence FROM ingest_candidate ORDER BY card_key"
    " ON CONFLICT (card_key) DO NOTHING RETURNING sequence) "
    "SELECT c.sequence FROM ingest_candidate c WHERE NOT EXISTS (SELECT 1 FROM winners w WHERE "
    "w.sequence = c.sequence) "
    "ORDER BY c.sequence";

inline constexpr const char* copy_records =
    "COPY record (clearing_day, batch_key, sequence, reason, card_key, issuer_code, acquirer_code, "
    "transaction_type, "
    "card_counter, balance_before_fen, amount_fen, terminal, terminal_serial, transaction_time, "
    "tac) "
    "FROM STDIN (FORMAT binary)";
inline constexpr int16_t record_column_count = 15;

}  // namespace cityclear::ingest::statements
