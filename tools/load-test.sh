#!/usr/bin/env bash
# Load test of issue 12 ("many acquirers at once"), bounded in time, loopback only:
#   1. builds (tools/setup.sh) and prints the machine
#   2. generates a day of many small files (cityclear-gen) and starts a PostgreSQL cluster of its own
#      (var/load-pg, port 57432, unix socket)
#   3. on a fresh database: migrates, starts `cityclear serve` (HTTP 57480, TCP 57490), runs
#      cityclear-load with N clients, then checks that the acknowledged outcomes, the batch rows and
#      the records by reason in the database equal the generator's expectation, settles the day and
#      compares the settled files byte for byte with the generator's expected/ (tools/day-checks.sh)
#   4. on the same cluster: the pgbench floor, one transaction per file doing the least a small
#      upload does (a raw_file and a batch row, 100 record rows, 100 unique keys), and the ratio
#      cityclear files/s / floor files/s
#   5. stops the daemon and the cluster it started, also on failure
# Options (environment):
#   CLIENTS (16)  PARTICIPANTS (20)  RECORDS (200000)  FILES_PER_ACQUIRER (100)  SEED (2026)
#   FAULT_RATE ("all=0"; "default" for the generator's own rates)  FILE_FAULTS (none; e.g. F01=2,F04=1)
#   SINGLE=1      also a 1-client run first, on a fresh database (the single-client p50)
#   LARGE=N       then a run with one N-record file uploaded beside the small files (latency only:
#                 its cards overlap the day's, so outcomes are not compared; errors still count)
#   WORKERS, QUEUE_DEPTH   ingest.workers / ingest.queue_depth of the daemon (defaults: server's, and
#                 at least 4 x CLIENTS queue places)
#   PGBENCH_SECONDS (10)   FLOOR=0 skips the pgbench floor
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build=${CITYCLEAR_BUILD_DIR:-$here/build}
clients=${CLIENTS:-16}
participants=${PARTICIPANTS:-20}
records=${RECORDS:-200000}
files_per_acquirer=${FILES_PER_ACQUIRER:-100}
seed=${SEED:-2026}
work=$here/var/load-test
cluster=$here/var/load-pg
pg_port=57432
http_port=57480
tcp_port=57490
bin=/usr/lib/postgresql/15/bin
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
source "$here/tools/day-checks.sh"
source "$here/tools/load-test-steps.sh"

step "build"
nice -n 10 "$here/tools/setup.sh" "$build" | tail -1
print_machine

step "generate day $clearing_day: $records records, $participants cities, $files_per_acquirer files each"
generate_day

step "PostgreSQL (own cluster in var/load-pg, port $pg_port)"
trap stop_everything EXIT
"$here/tools/pg.sh" start "$cluster" "$pg_port" >/dev/null
cluster_started=1
echo "PostgreSQL $(psql_admin -c 'SHOW server_version'), socket $cluster/socket"

if [ "${SINGLE:-0}" = 1 ]; then
  step "1 client (fresh database)"
  checked_run single 1
fi
step "$clients client(s) (fresh database)"
checked_run many "$clients"
if [ "${LARGE:-0}" -gt 0 ]; then
  step "$clients client(s) beside one $LARGE-record file (fresh database; latency and errors only)"
  large_run "$LARGE"
fi
if [ "${FLOOR:-1}" = 1 ]; then
  step "pgbench floor: one transaction per file of 100 records, 16 clients"
  pgbench_floor
fi

step "summary"
print_summary_table
[ "$failures" -eq 0 ]
