# Compares the batch outcomes of a run (one JSON object per upload, slurped) with the generator's
# expected.json (passed as $expected): status and reason of every file, counts by reason of every
# accepted one, and exactly one outcome for every expected file (none missing, none twice).
# Prints "all N outcomes as expected" or one line per difference.
($expected[0].files | map({key: .sha256, value: .}) | from_entries) as $by_sha
| (reduce .[].sha256 as $sha ({}; .[$sha] += 1)) as $outcomes_by_sha
| (map(. as $outcome | $by_sha[$outcome.sha256] as $wanted
    | if $wanted == null then "\($outcome.batch_id // "?"): no expectation for these bytes"
      elif $outcome.status != $wanted.status or $outcome.reason != $wanted.reason
        then "\($outcome.batch_id // "?"): got \($outcome.status) \($outcome.reason // ""), expected \($wanted.status) \($wanted.reason // "")"
      elif $outcome.status == "accepted" and $outcome.by_reason != $wanted.by_reason
        then "\($outcome.batch_id): records by reason \($outcome.by_reason), expected \($wanted.by_reason)"
      else empty end)
   + [$expected[0].files[] | select(($outcomes_by_sha[.sha256] // 0) != 1)
      | "\(.file): \($outcomes_by_sha[.sha256] // 0) outcomes, expected 1"]) as $differences
| if ($differences | length) == 0 then "all \(length) outcomes as expected" else $differences[] end
