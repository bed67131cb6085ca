#!/usr/bin/env bash
# The main job: a realistic clearing day end to end on the project's own PostgreSQL.
#   1. installs what is missing and builds (tools/setup.sh)
#   2. starts the project-managed cluster in var/pg (as the postgres user, unix socket, port 55432)
#   3. generates a day with cityclear-gen (participants, keys, cards, TB1 files with every fault)
#   4. starts `cityclear serve` and uploads every file as its acquirer would: HTTP (some gzip) and TCP
#   5. settles the day, prints every city's position, and checks the files against the generator's
# Options (environment): RECORDS (default 200000), PARTICIPANTS (6), SEED (2026).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build=${CITYCLEAR_BUILD_DIR:-$here/build}
records=${RECORDS:-200000}
participants=${PARTICIPANTS:-6}
seed=${SEED:-2026}
day_dir=$here/var/day
http_port=18080
tcp_port=19000
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
source "$here/tools/day-checks.sh"

step "install and build"
"$here/tools/setup.sh" "$build" | tail -1

step "PostgreSQL (project cluster in var/pg)"
"$here/tools/pg.sh" start "$here/var/pg" 55432 >/dev/null
socket=$here/var/pg/socket
psql_admin() { runuser -u postgres -- /usr/lib/postgresql/15/bin/psql -h "$socket" -p 55432 -U postgres -qAt -v ON_ERROR_STOP=1 "$@"; }
# Each run settles a fresh day in a database of its own; the `cityclear` database is left alone.
psql_admin -d postgres -c "DROP DATABASE IF EXISTS cityclear_day" -c "CREATE DATABASE cityclear_day"
export CITYCLEAR_DATABASE_URL="postgresql://postgres@/cityclear_day?host=$socket&port=55432"
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
cityclear serve >"$day_dir/serve.log" 2>&1 &
server=$!
trap 'kill -TERM $server 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$http_port/readyz" >/dev/null && break; sleep 0.1; done
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
kill -TERM "$server"
wait "$server" || true
trap - EXIT
echo "daemon stopped cleanly; the cluster keeps running in var/pg (tools/pg.sh stop var/pg)"
