#!/usr/bin/env bash
# The main job: a realistic clearing day end to end on the project's own PostgreSQL.
#   1. installs what is missing and builds (tools/setup.sh)
#   2. starts the project-managed cluster in var/pg (as the postgres user, unix socket, port 55432)
#   3. generates a day with cityclear-gen (participants, keys, cards, TB1 files with every fault)
#   4. starts `cityclear serve` and uploads every file as its acquirer would: HTTP (some gzip) and TCP
#   5. settles the day, prints every city's position, and checks the files against the generator's
#   6. stops the daemon (SIGTERM, waited for) and says how it ended
# The cluster in var/pg keeps running afterwards, on purpose (the settled day stays in the database
# cityclear_day to look at); the script's last lines say so, with the command that stops it.
# Options (environment): RECORDS (default 200000), PARTICIPANTS (6), SEED (2026), HTTP_PORT (18080),
# TCP_PORT (19000), PG_PORT (55432, the cluster's socket port), KEEP_CLUSTER (1; 0 stops var/pg at the end).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build=${CITYCLEAR_BUILD_DIR:-$here/build}
records=${RECORDS:-200000}
participants=${PARTICIPANTS:-6}
seed=${SEED:-2026}
day_dir=$here/var/day
http_port=${HTTP_PORT:-18080}
tcp_port=${TCP_PORT:-19000}
pg_port=${PG_PORT:-55432}
keep_cluster=${KEEP_CLUSTER:-1}
server=
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
source "$here/tools/day-checks.sh"

# The daemon runs as a direct child of this shell (never through a shell function: `$!` of a
# backgrounded function is the subshell, and signalling it leaves the program running).
daemon_running() { [ -n "$server" ] && [ -r "/proc/$server/status" ] && ! grep -q '^State:[[:space:]]*Z' "/proc/$server/status"; }

# SIGTERM, then up to 150 s (the daemon's own drain limit) for it to exit, then SIGKILL; says
# truthfully how it ended. Returns 1 unless it exited by itself with status 0.
stop_daemon() {
  [ -n "$server" ] || return 0
  local status=0 waited=0 forced=
  kill -TERM "$server" 2>/dev/null || true
  while daemon_running && [ "$waited" -lt 1500 ]; do sleep 0.1; waited=$((waited + 1)); done
  if daemon_running; then kill -KILL "$server" 2>/dev/null || true; forced=1; fi
  wait "$server" 2>/dev/null || status=$?
  if [ -n "$forced" ]; then
    echo "cityclear serve (pid $server) did not stop within 150 s of SIGTERM: killed (see $day_dir/serve.log)"
  elif [ "$status" -eq 0 ]; then
    echo "cityclear serve (pid $server) stopped cleanly (exit 0) after SIGTERM"
  else
    echo "cityclear serve (pid $server) exited with status $status (see $day_dir/serve.log)"
  fi
  server=
  [ -z "$forced" ] && [ "$status" -eq 0 ]
}

# What is left running: var/pg on purpose unless KEEP_CLUSTER=0.
finish_cluster() {
  if [ "$keep_cluster" = 0 ]; then
    "$here/tools/pg.sh" stop "$here/var/pg"
    echo "PostgreSQL in var/pg stopped (its huge pages given back)"
  else
    local huge_pages=
    [ -f "$here/var/pg/huge-pages-added" ] && huge_pages=" with $(cat "$here/var/pg/huge-pages-added") huge pages of 2 MB reserved for it"
    echo "PostgreSQL keeps running in var/pg (socket $here/var/pg/socket, port $pg_port)$huge_pages, on purpose:"
    echo "the day stays in the database cityclear_day. Stop it with: tools/pg.sh stop var/pg"
  fi
}

on_exit() {
  local status=$?
  trap - EXIT
  if [ -n "$server" ]; then stop_daemon || true; fi
  if [ -f "$here/var/pg/data/postmaster.pid" ]; then finish_cluster; fi
  exit "$status"
}
trap on_exit EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

step "install and build"
"$here/tools/setup.sh" "$build" | tail -1

step "PostgreSQL (project cluster in var/pg)"
"$here/tools/pg.sh" start "$here/var/pg" "$pg_port" >/dev/null
socket=$here/var/pg/socket
psql_admin() { runuser -u postgres -- /usr/lib/postgresql/15/bin/psql -h "$socket" -p "$pg_port" -U postgres -qAt -v ON_ERROR_STOP=1 "$@"; }
# Each run settles a fresh day in a database of its own; the `cityclear` database is left alone.
psql_admin -d postgres -c "DROP DATABASE IF EXISTS cityclear_day" -c "CREATE DATABASE cityclear_day"
export CITYCLEAR_DATABASE_URL="postgresql://postgres@/cityclear_day?host=$socket&port=$pg_port"
echo "database: $CITYCLEAR_DATABASE_URL"

# The clearing day uploads made now belong to (China Standard Time, cutoff 23:00).
now_hour=$(TZ=Asia/Shanghai date +%H)
if [ "$now_hour" -ge 23 ]; then day=$(TZ=Asia/Shanghai date -d tomorrow +%Y%m%d); else day=$(TZ=Asia/Shanghai date +%Y%m%d); fi

step "generate day $day: $records records, $participants cities"
rm -rf "$day_dir"
"$build/tools/gen/cityclear-gen" --out "$day_dir" --seed "$seed" --participants "$participants" --records "$records" \
  --date "$day" --file-faults F01=3,F02=1,F03=1,F04=1,F05=1 | tail -3
config=$day_dir/cityclear.json
jq --arg http "127.0.0.1:$http_port" --arg tcp "127.0.0.1:$tcp_port" \
  '.http.listen = $http | .tcp.listen = $tcp | .output_dir = "out" | .log.level = "warn"' "$config" >"$config.new"
mv "$config.new" "$config"
cityclear() { "$build/server/app/cityclear" --config "$config" "$@"; }
cityclear db migrate

step "serve"
if curl -fs -o /dev/null "http://127.0.0.1:$http_port/readyz" || (exec 3<>"/dev/tcp/127.0.0.1/$tcp_port") 2>/dev/null; then
  echo "something already listens on 127.0.0.1:$http_port or :$tcp_port (a daemon of an earlier run? pgrep -a cityclear);" \
    "stop it or choose HTTP_PORT and TCP_PORT" >&2
  exit 1
fi
"$build/server/app/cityclear" --config "$config" serve >"$day_dir/serve.log" 2>&1 &
server=$!
for _ in $(seq 1 100); do
  curl -fs -o /dev/null "http://127.0.0.1:$http_port/readyz" && break
  daemon_running || { echo "cityclear serve exited at start:" >&2; tail -5 "$day_dir/serve.log" >&2; exit 1; }
  sleep 0.1
done
echo "cityclear serve: pid $server, HTTP 127.0.0.1:$http_port, TCP 127.0.0.1:$tcp_port"
curl -fsS "http://127.0.0.1:$http_port/readyz"; echo

# One frame over TCP: 4-byte big-endian length, the file; the answer framed the same way.
tcp_upload() {
  local file=$1 size
  size=$(stat -c %s "$file")
  exec 3<>"/dev/tcp/127.0.0.1/$tcp_port"
  printf "$(printf '\\x%02x\\x%02x\\x%02x\\x%02x' $((size >> 24 & 255)) $((size >> 16 & 255)) $((size >> 8 & 255)) $((size & 255)))" >&3
  cat "$file" >&3
  local answer_bytes
  answer_bytes=$(head -c 4 <&3 | od -An -tu1 | awk '{print $1 * 16777216 + $2 * 65536 + $3 * 256 + $4}')
  head -c "$answer_bytes" <&3
  exec 3<&-
}

step "upload in the generator's order (HTTP, every third file gzip, every fifth over TCP)"
: >"$day_dir/outcomes.jsonl"
index=0
start=$(date +%s.%N)
for name in $(jq -r '.upload_order[]' "$day_dir/expected.json"); do
  file=$day_dir/$name
  acquirer=$(head -c 32 "$file" | cut -c 25-32)
  token=$(jq -r --arg code "$acquirer" '.[$code] // ""' "$day_dir/tokens.json")
  index=$((index + 1))
  # A file whose acquirer has no token (F03, or no header at all) can only come over TCP,
  # where the file MAC, not a token, authenticates the acquirer.
  if [ -z "$token" ] || [ $((index % 5)) -eq 0 ]; then
    tcp_upload "$file" >>"$day_dir/outcomes.jsonl"
  elif [ $((index % 3)) -eq 0 ]; then
    gzip -c "$file" | curl -sS -X POST -H "Authorization: Bearer $token" -H "Content-Encoding: gzip" \
      --data-binary @- "http://127.0.0.1:$http_port/v1/batches" >>"$day_dir/outcomes.jsonl"
  else
    curl -sS -X POST -H "Authorization: Bearer $token" --data-binary "@$file" \
      "http://127.0.0.1:$http_port/v1/batches" >>"$day_dir/outcomes.jsonl"
  fi
  echo >>"$day_dir/outcomes.jsonl"
done
end=$(date +%s.%N)
sed -i '/^$/d' "$day_dir/outcomes.jsonl"
jq -s -r --arg seconds "$(echo "$end - $start" | bc -l)" '
  "files: \(length), accepted \(map(select(.status == "accepted")) | length), rejected \(map(select(.status == "rejected")) | length) in \($seconds | tonumber | . * 100 | round / 100) s",
  "records by reason: \(map(.by_reason // {}) | reduce .[] as $r ({}; reduce ($r | to_entries[]) as $e (.; .[$e.key] += $e.value)) | to_entries | map("\(.key)=\(.value)") | join(" "))",
  (map(select(.status == "rejected")) | .[] | "  rejected \(.batch_id // "?") \(.reason): \(.detail)")' "$day_dir/outcomes.jsonl"

step "check every outcome against the generator's expectation"
check_outcomes "$day_dir/outcomes.jsonl" "$day_dir"

step "settle day $day"
cityclear settle --date "$day"

step "files of the day vs the generator's independent expectation"
check_settled_files "$day_dir" "$day_dir/out/$day"

step "settling again changes nothing"
cityclear settle --date "$day" | tail -3

step "metrics"
curl -fsS "http://127.0.0.1:$http_port/metrics" | grep -E '^cityclear_(records|batches)_total' | head -20

step "stop"
stop_daemon
# on_exit (the trap) then says what is left running.
