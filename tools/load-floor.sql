-- pgbench custom script of tools/load-test.sh: the least one small upload does in PostgreSQL, as
-- one transaction per file on cityclear's own schema (a scratch database, migrated): the raw_file
-- and batch rows, 100 record rows into the day's partition, and each record's unique key in
-- accepted_card_counter (the uuid primary key the duplicate check claims). The raw bytes' chunks,
-- parsing, MAC and TAC checks are left out. Variable: day (YYYYMMDD, its partition must exist).
BEGIN;
INSERT INTO raw_file (sha256, kind, size_bytes, chunk_count, source, received_at, received_local)
  VALUES (sha256(gen_random_uuid()::text::bytea), 'TB1', 13000, 1, 'http', now(), localtimestamp)
  RETURNING raw_file_id \gset
INSERT INTO batch (raw_file_id, acquirer_code, batch_id, status, clearing_day, created_local, record_count,
                   total_amount_fen, counts_by_reason, received_at, received_local)
  VALUES (:raw_file_id, 31000001, md5(:raw_file_id::text), 'accepted', to_date(:day::text, 'YYYYMMDD'),
          localtimestamp, 100, 20000, '{"00": 100}', now(), localtimestamp)
  RETURNING batch_key \gset
WITH keys AS (SELECT g, gen_random_uuid() AS card_key FROM generate_series(1, 100) g),
     records AS (
       INSERT INTO record
       SELECT to_date(:day::text, 'YYYYMMDD'), g, :batch_key, 0, 6, 31000001, card_key, 31000001, g, 200, 10000,
              localtimestamp, 310000000001, g, 305419896
       FROM keys)
INSERT INTO accepted_card_counter SELECT card_key, :batch_key, g FROM keys;
END;
