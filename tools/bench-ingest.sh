#!/usr/bin/env bash
# Ingest benchmark (issue: TB1 ingest): one N-record TB1 file (default 1,000,000) ingested end to
# end by `cityclear ingest` (parse, MAC, TAC verification, dedupe, binary COPY, commit), then the
# very same rows loaded with a plain `psql \copy` into the same tables of a fresh database, in one
# run against the same PostgreSQL. Prints records/s, the ratio, peak memory and the machine.
# Usage: tools/bench-ingest.sh [RECORDS]
# Its cluster (var/bench-pg, about 800 MB of shared memory in huge pages) is stopped at the end,
# failed or not, and the huge pages given back; KEEP_CLUSTER=1 leaves it running (the last lines
# then say so and how to stop it). PG_PORT (55433) is its socket's port.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
records=${1:-1000000}
build=${CITYCLEAR_BUILD_DIR:-$here/build}
work=$here/var/bench-ingest
cluster=$here/var/bench-pg
port=${PG_PORT:-55433}
"$here/tools/setup.sh" "$build" >/dev/null
mkdir -p "$work"

# The cluster started here is stopped when the script ends, however it ends, unless kept.
finish_cluster() {
  local status=$?
  trap - EXIT
  if [ "${KEEP_CLUSTER:-0}" = 1 ]; then
    local huge_pages=
    [ -f "$cluster/huge-pages-added" ] && huge_pages=" with $(cat "$cluster/huge-pages-added") huge pages of 2 MB reserved for it"
    echo "KEEP_CLUSTER=1: PostgreSQL keeps running in var/bench-pg (socket $cluster/socket, port $port)$huge_pages."
    echo "Stop it (and give the huge pages back) with: tools/pg.sh stop var/bench-pg"
  else
    "$here/tools/pg.sh" stop "$cluster"
    echo "PostgreSQL in var/bench-pg stopped (its huge pages given back; KEEP_CLUSTER=1 keeps it)"
  fi
  exit "$status"
}
trap finish_cluster EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
url=$("$here/tools/pg.sh" start "$cluster" "$port")
bin=/usr/lib/postgresql/15/bin
# psql runs as the caller (root may use the postgres role over the trusted socket), so \\copy files stay ours.
psql_as() { "$bin/psql" -h "$cluster/socket" -p "$port" -U postgres -v ON_ERROR_STOP=1 -qAt "$@"; }
fresh_database() {
  psql_as -d postgres -c "DROP DATABASE IF EXISTS $1" -c "CREATE DATABASE $1"
}
cityclear() { "$build/server/app/cityclear" --config "$work/data/cityclear.json" "$@"; }

echo "== machine"
grep -m1 'model name' /proc/cpuinfo | sed 's/.*: /cpu: /'
echo "cores: $(nproc), memory: $(free -g | awk '/Mem:/{print $2}') GiB, PostgreSQL $(psql_as -d postgres -c 'SHOW server_version')"
# Huge pages or not changes the figures by a third (tools/pg.sh, reserve_huge_pages).
postmaster=$(head -1 "$cluster/data/postmaster.pid")
if grep -q 'anon_hugepage' "/proc/$postmaster/maps" 2>/dev/null; then page_size="2 MB huge pages"; else page_size="4 KB pages"; fi
echo "PostgreSQL shared memory: $(psql_as -d postgres -c 'SHOW shared_buffers') buffers, $(psql_as -d postgres -c 'SHOW wal_buffers') WAL buffers, in $page_size"

echo "== generating one file of $records records"
rm -rf "$work/data"
"$build/tools/gen/cityclear-gen" --out "$work/data" --seed 7 --single-file --records "$records" --participants 3 >/dev/null
file=$(ls "$work/data"/TB1_*.txt | head -1)
echo "file: $(basename "$file"), $(stat -c %s "$file") bytes"

fresh_database bench_ingest
export CITYCLEAR_DATABASE_URL="postgresql://postgres@/bench_ingest?host=$cluster/socket&port=$port"
cityclear db migrate >/dev/null
# Both timed runs start alike: the generated file on disk (no writeback racing the WAL) and a
# fresh checkpoint.
sync
psql_as -d bench_ingest -c "CHECKPOINT"
echo "== cityclear ingest (end to end)"
/usr/bin/time -f "%e %M" -o "$work/time.txt" "$build/server/app/cityclear" --config "$work/data/cityclear.json" ingest --json "$file" >"$work/outcome.json"
read -r ingest_seconds ingest_rss_kib <"$work/time.txt"
head -c 400 "$work/outcome.json"; echo

echo "== the same rows, plain psql \\copy into the same tables"
for table in raw_file raw_file_chunk batch record accepted_card_counter; do
  psql_as -d bench_ingest -c "\\copy (SELECT * FROM $table) TO '$work/$table.copy'"
done
day=$(psql_as -d bench_ingest -c "SELECT min(clearing_day) FROM record")
fresh_database bench_copy
CITYCLEAR_DATABASE_URL="postgresql://postgres@/bench_copy?host=$cluster/socket&port=$port" cityclear db migrate >/dev/null
psql_as -d bench_copy -c "SELECT cityclear_ensure_day('$day')" >/dev/null
sync
psql_as -d bench_copy -c "CHECKPOINT"
start=$(date +%s.%N)
psql_as -d bench_copy -c "BEGIN" \
  -c "\\copy raw_file FROM '$work/raw_file.copy'" \
  -c "\\copy raw_file_chunk FROM '$work/raw_file_chunk.copy'" \
  -c "\\copy batch FROM '$work/batch.copy'" \
  -c "\\copy record FROM '$work/record.copy'" \
  -c "\\copy accepted_card_counter FROM '$work/accepted_card_counter.copy'" -c "COMMIT"
end=$(date +%s.%N)
copy_seconds=$(echo "$end - $start" | bc -l)
rm -f "$work"/*.copy

echo "== results ($records records)"
awk -v n="$records" -v t="$ingest_seconds" -v c="$copy_seconds" -v m="$ingest_rss_kib" 'BEGIN {
  printf "cityclear ingest end to end: %.2f s, %.0f records/s, peak RSS %.0f MiB\n", t, n / t, m / 1024;
  printf "plain psql \\copy of the same rows: %.2f s, %.0f records/s\n", c, n / c;
  printf "ratio ingest / plain copy: %.2f\n", (n / t) / (n / c) }'
