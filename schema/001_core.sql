-- cityclear core schema. Applied by `cityclear db migrate` in one transaction.
-- Conventions: institution codes are int (the 8 decimal digits as a number); money is bigint fen;
-- local times (China Standard Time) are `timestamp` without time zone; instants are timestamptz.
-- Card ASNs are char(20) text of digits where people query them; the dedupe key packs
-- issuer | ASN | counter as 16 bytes of BCD/big-endian into a uuid (compact, fast comparisons,
-- and its byte order sorts records by issuer, ASN, counter).

-- Clearing days: one row a day, open -> closed -> settled. Ingest reads the open day FOR SHARE
-- inside its transaction; settlement takes it FOR UPDATE and marks it closed in a short
-- transaction of its own, so a file lands wholly before or after the close; the run's figures
-- and files are then stored and the day marked settled.
CREATE TABLE clearing_day (
  day          date PRIMARY KEY,
  state        text NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'closed', 'settled')),
  closed_at    timestamptz,
  settled_at   timestamptz,
  CHECK ((state = 'open') = (closed_at IS NULL)),
  CHECK ((state = 'settled') = (settled_at IS NOT NULL))
);

-- Every upload's bytes, accepted or rejected, kept for audit and replay (TB1 files and SE1 bodies).
-- The bytes live in 1 MiB chunks so that no file is ever held whole in memory.
CREATE TABLE raw_file (
  raw_file_id    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  sha256         bytea NOT NULL CHECK (octet_length(sha256) = 32),
  kind           text NOT NULL CHECK (kind IN ('TB1', 'SE1')),
  size_bytes     bigint NOT NULL CHECK (size_bytes >= 0),
  chunk_count    int NOT NULL CHECK (chunk_count >= 0),
  source         text NOT NULL CHECK (source IN ('http', 'tcp', 'cli', 'replay')),
  received_at    timestamptz NOT NULL,
  received_local timestamp NOT NULL
);
CREATE UNIQUE INDEX raw_file_tb1_sha256 ON raw_file (sha256) WHERE kind = 'TB1';

CREATE TABLE raw_file_chunk (
  raw_file_id  bigint NOT NULL REFERENCES raw_file,
  chunk_number int NOT NULL CHECK (chunk_number >= 0),
  bytes        bytea NOT NULL,
  PRIMARY KEY (raw_file_id, chunk_number)
);
-- Text files are stored uncompressed: compression costs more CPU at ingest than the disk it saves.
ALTER TABLE raw_file_chunk ALTER COLUMN bytes SET STORAGE EXTERNAL;

-- One row per distinct TB1 upload (distinct bytes): its whole-file outcome.
CREATE TABLE batch (
  batch_key       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  raw_file_id     bigint NOT NULL UNIQUE REFERENCES raw_file,
  acquirer_code   int,            -- null when the header could not be read
  batch_id        text,           -- null when the header could not be read
  status          text NOT NULL CHECK (status IN ('accepted', 'rejected')),
  reason          text CHECK (reason IN ('F01', 'F02', 'F03', 'F04', 'F05')),
  detail          text,
  clearing_day    date REFERENCES clearing_day,
  created_local   timestamp,      -- the header's created time
  record_count    int NOT NULL DEFAULT 0 CHECK (record_count >= 0),
  total_amount_fen bigint NOT NULL DEFAULT 0 CHECK (total_amount_fen >= 0),
  counts_by_reason jsonb NOT NULL DEFAULT '{}'::jsonb,
  received_at     timestamptz NOT NULL,
  received_local  timestamp NOT NULL,
  CHECK ((status = 'accepted') = (clearing_day IS NOT NULL)),
  CHECK ((status = 'accepted') = (reason IS NULL))
);
-- A batch id is accepted at most once per acquirer: the database decides a race (F04 for the loser).
CREATE UNIQUE INDEX batch_accepted_id ON batch (acquirer_code, batch_id) WHERE status = 'accepted';
CREATE INDEX batch_by_id ON batch (acquirer_code, batch_id);
CREATE INDEX batch_by_day ON batch (clearing_day);
CREATE INDEX batch_by_received ON batch (received_local);

-- Every detail record of every accepted file, with its one reason code. Partitioned by clearing
-- day (hundreds of millions a month); no index, so COPY runs at full speed: settlement and replay
-- read whole partitions, sorted by card_key (issuer, ASN, counter) or by (batch_key, sequence).
-- Only what clearing and reconciliation read is a column here (every column costs COPY time);
-- the card type, algorithm, key version, grey flag and station stay in the archived raw bytes.
CREATE TABLE record (                  -- columns ordered for alignment: 96 bytes of data a row
  clearing_day       date NOT NULL,
  sequence           int NOT NULL,
  batch_key          bigint NOT NULL,
  reason             smallint NOT NULL,  -- 0 accepted, 1..13 as in batch-file.md
  transaction_type   smallint NOT NULL,
  issuer_code        int NOT NULL,
  card_key           uuid NOT NULL,      -- issuer(4 BCD) | ASN(10 BCD) | counter(2 big-endian)
  acquirer_code      int NOT NULL,
  card_counter       int NOT NULL,
  amount_fen         bigint NOT NULL,
  balance_before_fen bigint NOT NULL,
  transaction_time   timestamp NOT NULL, -- local
  terminal           bigint NOT NULL,    -- 6 bytes big-endian
  terminal_serial    bigint NOT NULL,    -- 4 bytes big-endian
  tac                bigint NOT NULL     -- 4 bytes big-endian
) PARTITION BY RANGE (clearing_day);

-- Exact duplicate detection: one row per accepted (issuer, ASN, counter), across all days.
CREATE TABLE accepted_card_counter (
  card_key   uuid PRIMARY KEY,
  batch_key  bigint NOT NULL,
  sequence   int NOT NULL
);

-- Creates the record partition of a day and the day row (idempotent). The partition name is
-- derived from a date value, never from input text.
CREATE FUNCTION cityclear_ensure_day(wanted date) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  partition_name text := 'record_' || to_char(wanted, 'YYYYMMDD');
BEGIN
  INSERT INTO clearing_day (day) VALUES (wanted) ON CONFLICT (day) DO NOTHING;
  IF to_regclass(partition_name) IS NULL THEN
    EXECUTE format('CREATE TABLE IF NOT EXISTS %I PARTITION OF record FOR VALUES FROM (%L) TO (%L)',
                   partition_name, wanted, wanted + 1);
  END IF;
END $$;

-- Settlement: one run per settled day, with the rates it used, its positions and its files.
CREATE TABLE settlement_run (
  clearing_day       date PRIMARY KEY REFERENCES clearing_day,
  settled_at         timestamptz NOT NULL,
  record_count       bigint NOT NULL,
  accepted_count     bigint NOT NULL,
  inter_city_count   bigint NOT NULL,
  total_fees_fen     bigint NOT NULL,
  participants_sha256 bytea NOT NULL     -- the participant codes and rates the run used
);

CREATE TABLE settlement_rate (
  clearing_day     date NOT NULL REFERENCES settlement_run,
  participant_code int NOT NULL,
  fee_bps          int NOT NULL CHECK (fee_bps BETWEEN 0 AND 10000),
  PRIMARY KEY (clearing_day, participant_code)
);

CREATE TABLE settlement_position (
  clearing_day     date NOT NULL REFERENCES settlement_run,
  participant_code int NOT NULL,           -- 0 is the center
  receivable_fen   bigint NOT NULL,
  payable_fen      bigint NOT NULL,
  fees_fen         bigint NOT NULL,
  net_fen          bigint NOT NULL,
  PRIMARY KEY (clearing_day, participant_code),
  CHECK (net_fen = receivable_fen - payable_fen - fees_fen OR participant_code = 0)
);

CREATE TABLE settlement_file (
  clearing_day     date NOT NULL REFERENCES settlement_run,
  name             text NOT NULL,
  kind             text NOT NULL CHECK (kind IN ('CLR1', 'RJT1', 'STL1')),
  participant_code int,                    -- null for STL1
  sha256           bytea NOT NULL CHECK (octet_length(sha256) = 32),
  size_bytes       bigint NOT NULL,
  chunk_count      int NOT NULL,
  PRIMARY KEY (clearing_day, name)
);

CREATE TABLE settlement_file_chunk (
  clearing_day date NOT NULL,
  name         text NOT NULL,
  chunk_number int NOT NULL,
  bytes        bytea NOT NULL,
  PRIMARY KEY (clearing_day, name, chunk_number),
  FOREIGN KEY (clearing_day, name) REFERENCES settlement_file
);
ALTER TABLE settlement_file_chunk ALTER COLUMN bytes SET STORAGE EXTERNAL;

-- Mobile cards (SE1 `open`) and their sync events (sync-events.md, reconciliation.md).
CREATE TABLE mobile_card (
  issuer_code          int NOT NULL,
  card_asn             char(20) NOT NULL,
  open_event_id        text NOT NULL,
  open_counter         int NOT NULL,
  open_load_counter    int NOT NULL,
  opening_balance_fen  bigint NOT NULL,
  offline_limit_fen    bigint NOT NULL,
  opened_local         timestamp NOT NULL,
  PRIMARY KEY (issuer_code, card_asn)
);

CREATE TABLE sync_event (
  event_id          text PRIMARY KEY,
  content_sha256    bytea NOT NULL,        -- of the canonical content, to tell duplicate from conflict
  kind              text NOT NULL CHECK (kind IN ('open', 'topup', 'purchase', 'balance')),
  issuer_code       int NOT NULL,
  card_asn          char(20) NOT NULL,
  event_local       timestamp NOT NULL,
  counter           int,                   -- purchase counter (open, purchase, balance) or after_counter (topup)
  load_counter      int,
  amount_fen        bigint,
  balance_before_fen bigint,
  balance_after_fen bigint,
  wallet_balance_fen bigint,
  offline_limit_fen bigint,
  transaction_type  smallint,
  terminal          bigint,
  terminal_serial   bigint,
  algorithm         smallint,
  key_version       smallint,
  tac               bigint,
  tac_valid         boolean,               -- purchases only
  raw_file_id       bigint REFERENCES raw_file,
  line_number       int,
  received_at       timestamptz NOT NULL
);
CREATE INDEX sync_event_by_card ON sync_event (issuer_code, card_asn);

-- Reconciliation findings. One open exception per (card, kind, counter).
CREATE TABLE card_exception (
  exception_id   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  issuer_code    int NOT NULL,
  card_asn       char(20) NOT NULL,
  kind           text NOT NULL CHECK (kind IN ('COUNTER_GAP', 'SOURCE_CONFLICT', 'BALANCE_CHAIN_BREAK',
                                                'WALLET_ACCOUNT_MISMATCH', 'OFFLINE_LIMIT_EXCEEDED', 'TAC_INVALID')),
  code           smallint NOT NULL,
  counter        int,
  reported_fen   bigint,
  expected_fen   bigint,
  open           boolean NOT NULL DEFAULT true,
  first_seen     timestamptz NOT NULL,
  last_seen      timestamptz NOT NULL,
  closed_at      timestamptz,
  close_reason   text,                     -- 'resolved' when its cause went away, or the operator's reason
  CHECK (open = (closed_at IS NULL))
);
CREATE UNIQUE INDEX card_exception_open_key ON card_exception (issuer_code, card_asn, kind, coalesce(counter, -1)) WHERE open;
CREATE INDEX card_exception_by_card ON card_exception (issuer_code, card_asn);

-- Blacklist: versions (BL1 files) and the entries in force between two publications.
CREATE TABLE blacklist_version (
  version        int PRIMARY KEY CHECK (version > 0),
  published_local timestamp NOT NULL,
  published_at   timestamptz NOT NULL,
  entry_count    int NOT NULL,
  sha256         bytea NOT NULL,
  file_bytes     bytea NOT NULL
);

CREATE TABLE blacklist_entry (
  issuer_code      int NOT NULL,
  card_asn         char(20) NOT NULL,
  code             smallint NOT NULL,
  listed_version   int NOT NULL REFERENCES blacklist_version,
  listed_local     timestamp NOT NULL,     -- the publication that first listed it
  removed_version  int REFERENCES blacklist_version,
  removed_local    timestamp,
  removal_reason   text,
  PRIMARY KEY (issuer_code, card_asn, listed_version)
);
CREATE UNIQUE INDEX blacklist_entry_current ON blacklist_entry (issuer_code, card_asn) WHERE removed_version IS NULL;

-- Operator actions waiting for the next blacklist publication.
CREATE TABLE blacklist_removal_request (
  issuer_code   int NOT NULL,
  card_asn      char(20) NOT NULL,
  reason        text NOT NULL,
  requested_at  timestamptz NOT NULL,
  PRIMARY KEY (issuer_code, card_asn)
);
