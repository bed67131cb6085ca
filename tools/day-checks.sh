# Checks of a generated day against cityclear-gen's independent expectation, shared by
# tools/run-day.sh and tools/load-test.sh (source this file; every function prints one line when
# all is well, the differences otherwise, and returns non-zero on a difference).
#   check_outcomes OUTCOMES_JSONL DAY_DIR          every outcome as expected, one per expected file
#   check_stored_batches DATABASE_URL DAY_DIR      the batch rows hold exactly the expected outcomes
#   check_stored_records DATABASE_URL DAY_DIR      records by reason in the database = the expectation
#   check_settled_files DAY_DIR OUT_DAY_DIR        the settled files byte for byte = DAY_DIR/expected
# Needs jq and psql (run as root or postgres: the project's clusters trust their unix socket).
day_checks_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
day_checks_psql=/usr/lib/postgresql/15/bin/psql

# check-outcomes.jq over outcome objects (one JSON object a line); exit 1 on any difference.
day_checks_compare() {
  local outcomes=$1 day_dir=$2 report
  report=$(jq -s -r --slurpfile expected "$day_dir/expected.json" -f "$day_checks_dir/check-outcomes.jq" "$outcomes")
  echo "$report" | head -20
  [[ "$report" == all*as\ expected ]]
}

check_outcomes() {
  printf 'acknowledged outcomes vs expected.json: '
  day_checks_compare "$1" "$2"
}

# Every batch row as an outcome object (sha256, status, reason, by_reason), compared the same way.
check_stored_batches() {
  local url=$1 day_dir=$2 rows
  rows=$(mktemp)
  "$day_checks_psql" "$url" -qAt -v ON_ERROR_STOP=1 -c "
    SELECT json_build_object('batch_id', b.batch_id, 'sha256', upper(encode(r.sha256, 'hex')), 'status', b.status,
                             'reason', b.reason, 'by_reason', b.counts_by_reason)
    FROM batch b JOIN raw_file r USING (raw_file_id)" >"$rows"
  printf 'batches in the database vs expected.json: '
  day_checks_compare "$rows" "$day_dir"
  local status=$?
  rm -f "$rows"
  return $status
}

check_stored_records() {
  local url=$1 day_dir=$2 stored wanted
  stored=$("$day_checks_psql" "$url" -qAt -v ON_ERROR_STOP=1 -c "
    SELECT coalesce(json_object_agg(code, n ORDER BY code), '{}') FROM
      (SELECT lpad(reason::text, 2, '0') AS code, count(*) AS n FROM record GROUP BY 1) counts" | jq -cS .)
  wanted=$(jq -cS '.totals.by_reason' "$day_dir/expected.json")
  if [ "$stored" = "$wanted" ]; then
    echo "records by reason in the database = expected.json: $stored"
  else
    echo "records by reason in the database: $stored, expected $wanted"
    return 1
  fi
}

check_settled_files() {
  local day_dir=$1 out_day_dir=$2
  if diff -r "$day_dir/expected" "$out_day_dir" >/dev/null; then
    echo "settled files = expected/, byte for byte: $(ls "$day_dir/expected" | wc -l) files"
  else
    echo "settled files differ from expected/:"
    diff -r "$day_dir/expected" "$out_day_dir" | head -20
    return 1
  fi
}
