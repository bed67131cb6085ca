#pragma once
// Every SQL statement of TB1 ingest, by name. Values are always bound parameters or binary COPY.
#include <cstdint>

namespace cityclear::ingest::statements {

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

inline constexpr const char* load_outcome =
    "SELECT b.batch_id, b.acquirer_code, b.status, b.reason, b.detail, to_char(b.clearing_day, 'YYYYMMDD'), "
    "encode(r.sha256, 'hex'), b.record_count, b.counts_by_reason::text "
    "FROM batch b JOIN raw_file r USING (raw_file_id) WHERE b.batch_key = $1";

inline constexpr const char* ensure_day = "SELECT cityclear_ensure_day($1::date)";

inline constexpr const char* day_state = "SELECT state FROM clearing_day WHERE day = $1::date";

// Held until commit: settlement's FOR UPDATE waits for this batch to commit or roll back.
inline constexpr const char* lock_open_day = "SELECT state FROM clearing_day WHERE day = $1::date FOR SHARE";

inline constexpr const char* insert_raw_file =
    "INSERT INTO raw_file (sha256, kind, size_bytes, chunk_count, source, received_at, received_local) "
    "VALUES (decode($1, 'hex'), 'TB1', $2, $3, $4, now(), $5::timestamp) RETURNING raw_file_id";

inline constexpr const char* copy_raw_chunks =
    "COPY raw_file_chunk (raw_file_id, chunk_number, bytes) FROM STDIN (FORMAT binary)";

inline constexpr const char* insert_batch =
    "INSERT INTO batch (raw_file_id, acquirer_code, batch_id, status, reason, detail, clearing_day, created_local, "
    "record_count, total_amount_fen, counts_by_reason, received_at, received_local) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7::date, $8::timestamp, $9, $10, $11::jsonb, now(), $12::timestamp) "
    "RETURNING batch_key";

inline constexpr const char* finish_batch =
    "UPDATE batch SET record_count = $2, total_amount_fen = $3, counts_by_reason = $4::jsonb WHERE batch_key = $1";

// Candidates for acceptance, kept per session and emptied at every commit.
inline constexpr const char* create_candidates =
    "CREATE TEMP TABLE IF NOT EXISTS ingest_candidate (card_key uuid NOT NULL, sequence int NOT NULL) "
    "ON COMMIT DELETE ROWS";
inline constexpr const char* copy_candidates = "COPY ingest_candidate (card_key, sequence) FROM STDIN (FORMAT binary)";

// Claims every candidate's (issuer, ASN, counter) in one statement; the unique key decides races
// with concurrent uploads (a conflicting uncommitted insert makes this wait for its outcome).
// Answers the sequences that lost: already accepted before, or earlier in this file.
inline constexpr const char* claim_candidates =
    "WITH winners AS ("
    " INSERT INTO accepted_card_counter (card_key, batch_key, sequence)"
    " SELECT DISTINCT ON (card_key) card_key, $1::bigint, sequence FROM ingest_candidate ORDER BY card_key, sequence"
    " ON CONFLICT (card_key) DO NOTHING RETURNING sequence) "
    "SELECT c.sequence FROM ingest_candidate c WHERE NOT EXISTS (SELECT 1 FROM winners w WHERE w.sequence = c.sequence) "
    "ORDER BY c.sequence";

inline constexpr const char* copy_records =
    "COPY record (clearing_day, batch_key, sequence, reason, card_key, issuer_code, acquirer_code, transaction_type, "
    "card_counter, balance_before_fen, amount_fen, terminal, terminal_serial, transaction_time, tac) "
    "FROM STDIN (FORMAT binary)";
inline constexpr int16_t record_column_count = 15;

}  // namespace cityclear::ingest::statements
