#pragma once
// The SQL of a group commit (group_transaction.h): a few statements for the whole group, each
// prepared once per connection and fed arrays (one bound parameter a column), so a group of
// small uploads costs the same round trips as one. Values are always bound or binary COPY.
namespace cityclear::ingest::group_statements {

// Per file, in the group's order: the archived bytes and stored batch of the same SHA-256 (a
// repeat), whether the batch id is accepted already (F04), the file's clearing day taken FOR
// SHARE (settlement's close waits for the group to commit; a closed day shows 'closed'), new keys
// for the batch and the raw file, and the newest blacklist version (the group is decided again
// if its files were decided with an older one).
inline constexpr const char* lookup_name = "cityclear_group_lookup";
inline constexpr const char* lookup =
    "SELECT u.ordinal, r.raw_file_id AS archived_raw_file_id, b.batch_key AS stored_batch_key,"
    " EXISTS (SELECT 1 FROM batch a WHERE a.acquirer_code = u.acquirer_code AND a.batch_id = "
    "u.batch_id"
    "         AND a.status = 'accepted') AS batch_id_accepted,"
    " d.state AS day_state,"
    " nextval('batch_batch_key_seq') AS new_batch_key,"
    " nextval('raw_file_raw_file_id_seq') AS new_raw_file_id,"
    " (SELECT coalesce(max(version), 0) FROM blacklist_version) AS blacklist_version "
    "FROM unnest($1::text[], $2::int[], $3::text[], $4::date[]) WITH ORDINALITY"
    "  AS u(sha256_hex, acquirer_code, batch_id, day, ordinal) "
    "LEFT JOIN raw_file r ON r.kind = 'TB1' AND r.sha256 = decode(u.sha256_hex, 'hex') "
    "LEFT JOIN batch b ON b.raw_file_id = r.raw_file_id "
    "LEFT JOIN LATERAL (SELECT c.state FROM clearing_day c WHERE c.day = u.day FOR SHARE) d ON "
    "true "
    "ORDER BY u.ordinal";

// Claims every candidate key of the group (distinct: repeats within the group were decided in
// memory), in key order; answers the candidates that lost to a key accepted before (reason 03).
// A key claimed by a transaction still in flight makes this wait for its outcome.
inline constexpr const char* claims_name = "cityclear_group_claims";
inline constexpr const char* claims =
    "WITH candidate AS ("
    "  SELECT * FROM unnest($1::uuid[], $2::bigint[], $3::int[]) AS c(card_key, batch_key, "
    "sequence)),"
    " claimed AS ("
    "  INSERT INTO accepted_card_counter (card_key, batch_key, sequence)"
    "  SELECT card_key, batch_key, sequence FROM candidate ORDER BY card_key"
    "  ON CONFLICT (card_key) DO NOTHING RETURNING card_key) "
    "SELECT c.batch_key, c.sequence FROM candidate c "
    "WHERE NOT EXISTS (SELECT 1 FROM claimed w WHERE w.card_key = c.card_key) "
    "ORDER BY c.batch_key, c.sequence";

// COPY writes identity columns from its input (like INSERT ... OVERRIDING SYSTEM VALUE), so the
// keys drawn by the lookup are the rows' keys.
inline constexpr const char* copy_raw_files =
    "COPY raw_file (raw_file_id, sha256, kind, size_bytes, chunk_count, source, received_at, "
    "received_local) "
    "FROM STDIN (FORMAT binary)";
inline constexpr short raw_file_column_count = 8;

inline constexpr const char* copy_batches =
    "COPY batch (batch_key, raw_file_id, acquirer_code, batch_id, status, reason, detail, "
    "clearing_day, "
    "created_local, record_count, total_amount_fen, counts_by_reason, received_at, received_local) "
    "FROM STDIN (FORMAT binary)";
inline constexpr short batch_column_count = 14;

}  // namespace cityclear::ingest::group_statements
