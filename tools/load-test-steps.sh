# The steps of tools/load-test.sh (sourced by it; uses its variables: here, build, work, cluster,
# bin, the ports, clients, participants, records, files_per_acquirer, seed).
day_dir=$work/day
failures=0
summary_rows=()
server_pid=
cluster_started=0
# The clearing day uploads made now belong to (China Standard Time, cutoff 23:00), as run-day.sh.
if [ "$(TZ=Asia/Shanghai date +%H)" -ge 23 ]; then
  clearing_day=$(TZ=Asia/Shanghai date -d tomorrow +%Y%m%d)
else
  clearing_day=$(TZ=Asia/Shanghai date +%Y%m%d)
fi

psql_admin() { PGOPTIONS="-c client_min_messages=warning" "$bin/psql" -h "$cluster/socket" -p "$pg_port" -U postgres -d postgres -qAt -v ON_ERROR_STOP=1 "$@"; }
database_url() { echo "postgresql://postgres@/$1?host=$cluster/socket&port=$pg_port"; }
cityclear() { "$build/server/app/cityclear" --config "$day_dir/cityclear.json" "$@"; }
note_failure() { failures=$((failures + 1)); echo "FAILED: $*"; }

print_machine() {
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //'), $(nproc) cores"
  echo "memory: $(free -g | awk '/Mem:/{print $2}') GiB; $("$bin/postgres" --version)"
}

# The day, and the daemon's configuration: listeners, quiet log, room in the ingest queue.
generate_day() {
  mkdir -p "$work"
  rm -rf "$day_dir"
  local faults=(--fault-rate "${FAULT_RATE:-all=0}")
  [ "${FAULT_RATE:-}" = default ] && faults=()
  [ -n "${FILE_FAULTS:-}" ] && faults+=(--file-faults "$FILE_FAULTS")
  "$build/tools/gen/cityclear-gen" --out "$day_dir" --seed "$seed" --participants "$participants" \
    --records "$records" --files-per-acquirer "$files_per_acquirer" --date "$clearing_day" \
    "${faults[@]}" | tail -3
  local queue_depth=${QUEUE_DEPTH:-$((4 * clients > 16 ? 4 * clients : 16))}
  jq --arg http "127.0.0.1:$http_port" --arg tcp "127.0.0.1:$tcp_port" --argjson queue "$queue_depth" \
    --argjson workers "${WORKERS:-0}" '
    .http.listen = $http | .tcp.listen = $tcp | .output_dir = "out" | .log.level = "warn"
    | .ingest.queue_depth = $queue
    | if $workers > 0 then .ingest.workers = $workers | .database.pool_size = ([3 * $workers, 256] | min) else . end' \
    "$day_dir/cityclear.json" >"$day_dir/cityclear.json.new"
  mv "$day_dir/cityclear.json.new" "$day_dir/cityclear.json"
  echo "daemon: ingest $(jq -c '.ingest | {workers, queue_depth}' "$day_dir/cityclear.json") (unset: the server's default)"
}

fresh_database() {
  psql_admin -c "DROP DATABASE IF EXISTS $1" -c "CREATE DATABASE $1"
  export CITYCLEAR_DATABASE_URL
  CITYCLEAR_DATABASE_URL=$(database_url "$1")
  cityclear db migrate >/dev/null
}

start_daemon() {
  # The program itself in the background (not the shell function), so that $! is its pid.
  "$build/server/app/cityclear" --config "$day_dir/cityclear.json" serve >"$work/serve-$1.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 100); do
    curl -fs "http://127.0.0.1:$http_port/readyz" >/dev/null 2>&1 && return 0
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.1
  done
  echo "cityclear serve did not get ready; its log:"
  tail -5 "$work/serve-$1.log"
  return 1
}

stop_daemon() {
  [ -n "$server_pid" ] || return 0
  kill -TERM "$server_pid" 2>/dev/null || true
  wait "$server_pid" 2>/dev/null || true
  server_pid=
}

# cityclear-load against the running daemon; its summary table, and a row for the final table.
run_load_client() {
  local name=$1 client_count=$2
  shift 2
  local status=0
  # Its own CPU time too: it shares the cores with the daemon and PostgreSQL.
  /usr/bin/time -f "%U %S" -o "$work/$name-client-time.txt" "$build/tools/loadtest/cityclear-load" --day "$day_dir" --http "127.0.0.1:$http_port" --tcp "127.0.0.1:$tcp_port" \
    --clients "$client_count" --outcomes "$work/$name-outcomes.jsonl" --summary-json "$work/$name-summary.json" \
    "$@" || status=$?
  local client_cpu_s
  client_cpu_s=$(awk 'END { printf "%.2f", $1 + $2 }' "$work/$name-client-time.txt")
  echo "  cityclear-load CPU: $client_cpu_s s (user + system, loading and gzip included)"
  [ "$status" -eq 0 ] || note_failure "cityclear-load reported errors (exit $status)"
  summary_rows+=("$(jq -r --arg name "$name" \
    '"\($name)|\(.clients)|\(.files_per_s * 10 | round / 10)|\(.p50_ms * 10 | round / 10)|\(.p99_ms * 10 | round / 10)|\(.retries)|\(.errors)|'"$client_cpu_s"'"' \
    "$work/$name-summary.json" 2>/dev/null || echo "$name|$client_count|-|-|-|-|-|$client_cpu_s")")
}

# A run whose database must then hold exactly the generator's day, and settle to its files.
checked_run() {
  local name=$1 client_count=$2
  fresh_database "cityclear_$name"
  start_daemon "$name"
  run_load_client "$name" "$client_count"
  check_outcomes "$work/$name-outcomes.jsonl" "$day_dir" || note_failure "acknowledged outcomes"
  check_stored_batches "$CITYCLEAR_DATABASE_URL" "$day_dir" || note_failure "batches in the database"
  check_stored_records "$CITYCLEAR_DATABASE_URL" "$day_dir" || note_failure "records in the database"
  stop_daemon
  rm -rf "$day_dir/out"
  cityclear settle --date "$clearing_day" >"$work/settle-$name.log" 2>&1 || note_failure "settle (see $work/settle-$name.log)"
  check_settled_files "$day_dir" "$day_dir/out/$clearing_day" || note_failure "settled files"
}

# The small files again, with one large file beside them (the same scheme, the day before).
large_run() {
  local large_records=$1 large_dir=$work/large
  rm -rf "$large_dir"
  "$build/tools/gen/cityclear-gen" --out "$large_dir" --seed "$seed" --participants "$participants" --single-file \
    --records "$large_records" --fault-rate all=0 \
    --date "$(date -d "$clearing_day -1 day" +%Y%m%d)" >/dev/null
  fresh_database cityclear_large
  start_daemon large
  run_load_client large "$clients" --large-file "$(ls "$large_dir"/TB1_*.txt | head -1)"
  stop_daemon
}

# pgbench with tools/load-floor.sql on a scratch database of the same cluster: the floor's files/s.
pgbench_floor() {
  fresh_database load_floor
  psql_admin -d load_floor -c "SELECT cityclear_ensure_day(to_date('$clearing_day', 'YYYYMMDD'))" >/dev/null
  psql_admin -d load_floor -c "CHECKPOINT"
  "$bin/pgbench" -h "$cluster/socket" -p "$pg_port" -U postgres -n -f "$here/tools/load-floor.sql" \
    -D day="$clearing_day" -c 16 -j 2 -T "${PGBENCH_SECONDS:-10}" load_floor >"$work/pgbench.log" 2>&1 ||
    { note_failure "pgbench (see $work/pgbench.log)"; return 0; }
  floor_files_per_s=$(grep -oP 'tps = \K[0-9.]+' "$work/pgbench.log" | head -1)
  echo "floor: $floor_files_per_s files/s ($(grep -oP 'latency average = \K.*' "$work/pgbench.log"))"
  psql_admin -c "DROP DATABASE load_floor"
}

print_summary_table() {
  local cityclear_files_per_s
  printf '%-7s %7s %9s %9s %9s %8s %7s %14s\n' run clients files/s p50_ms p99_ms retries errors client_cpu_s
  for row in "${summary_rows[@]}"; do
    IFS='|' read -r name count rate p50 p99 retries errors cpu <<<"$row"
    printf '%-7s %7s %9s %9s %9s %8s %7s %14s\n' "$name" "$count" "$rate" "$p50" "$p99" "$retries" "$errors" "$cpu"
  done
  if [ -n "${floor_files_per_s:-}" ]; then
    cityclear_files_per_s=$(jq -r '.files_per_s' "$work/many-summary.json" 2>/dev/null || echo 0)
    awk -v c="$cityclear_files_per_s" -v f="$floor_files_per_s" \
      'BEGIN { printf "pgbench floor %.1f files/s; cityclear / floor = %.2f\n", f, (f > 0 ? c / f : 0) }'
  fi
  if [ "$failures" -eq 0 ]; then echo "checks: all passed"; else echo "checks: $failures FAILED (see above)"; fi
}

# On every exit: the daemon and the cluster this script started are stopped.
stop_everything() {
  local status=$?
  if [ -n "$server_pid" ]; then
    stop_daemon
    echo "stopped cityclear serve"
  fi
  if [ "$cluster_started" = 1 ]; then
    "$here/tools/pg.sh" stop "$cluster"
    echo "stopped PostgreSQL in var/load-pg (kept for the next run; tools/pg.sh remove var/load-pg deletes it)"
  fi
  return $status
}
