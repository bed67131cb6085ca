# Compares the batch outcomes of a run (one JSON object per upload, slurped) with the generator's
# expected.json (passed as $expected): status and reason of every file, counts by reason of every
# accepted one. Prints "all N outcomes as expected" or one line per difference.
($expected[0].files | map({key: .sha256, value: .}) | from_entries) as $by_sha
| (map(. as $outcome | $by_sha[$outcome.sha256] as $wanted
    | if $wanted == null then "\($outcome.batch_id // "?"): no expectation for these bytes"
      elif $outcome.status != $wanted.status or $outcome.reason != $wanted.reason
        then "\($outcome.batch_id // "?"): got \($outcome.status) \($outcome.reason // ""), expected \($wanted.status) \($wanted.reason // "")"
      elif $outcome.status == "accepted" and $outcome.by_reason != $wanted.by_reason
        then "\($outcome.batch_id): records by reason \($outcome.by_reason), expected \($wanted.by_reason)"
      else empty end)) as $differences
| if ($differences | length) == 0 then "all \(length) outcomes as expected" else $differences[] end
