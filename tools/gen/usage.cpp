// The --help text of cityclear-gen.
#include "gen/options.h"

namespace cityclear::gen {

std::string usage_text() {
  return R"(cityclear-gen: a deterministic clearing day for cityclear (test oracle and benchmark feeder)

usage: cityclear-gen --out DIR [options]
       cityclear-gen --self-check [--data DIR | --shared DIR]

Writes into DIR:
  keys.json (mode 0600), participants.json, tokens.json, cityclear.json   the scheme and a config
  TB1_<acquirer>_<batchid>.txt           the day's terminal batch files
  TB1_<acquirer>_<batchid>_F0n[_k].txt   files that must be rejected whole (--file-faults)
  expected.json                          upload order, outcome of every file and record, positions
  expected/CLR_*, RJT_*, STL_*           the settlement files the day must produce
Same seed and options give byte-identical output. Stale TB1_* and expected/ files in DIR are removed.

options:
  --out DIR                  output folder (created when missing)
  --seed N                   random seed (default 1)
  --participants P           city operators, 1..500 (default 5); each is issuer and acquirer
  --cards-per-issuer M       cards of each issuer (default: records / (3 P), at least 16)
  --records R                detail records of the day, over all accepted-to-be files (default 10000)
  --files-per-acquirer F     TB1 files of each acquirer, covering the day in F windows (default 4)
  --date YYYYMMDD            the clearing day (default 20261121)
  --inter-city-share S       share of records whose card is from another city, 0..1 (default 0.35)
  --fault-rate KIND=PERMILLE [KIND=PERMILLE ...]
                             per-record faults; KIND is a reason code or name, or all:
                               11 unknown_issuer   12 unknown_key      02 illegal_amount
                               05 insufficient_balance   07 bad_time   04 grey
                               01 tac_mismatch     03 duplicate
                             defaults 11=1 12=1 02=2 05=2 07=2 04=3 01=2 03=3; all=0 for a clean day.
                             About 1 in 8 faulted records gets a second fault too; the expected
                             reason is always computed as the spec says (the first that applies).
                             A quarter of the 07 faults are probes exactly on a time limit (must
                             be accepted); a quarter of the 03 faults re-send, corrected, a record
                             rejected earlier as grey or bad TAC (accepted: only 00 counts).
  --file-faults F01=N,F02=N,F03=N,F04=N,F05=N
                             extra files that must be rejected whole: F01 malformed (one broken rule
                             each, in turn), F02 bad MAC, F03 acquirer without a file key, F04 an
                             accepted batch id reused with other bytes, F05 one record over
                             max_records_per_file (the limit is in expected.json and cityclear.json)
  --single-file              one acquirer writes all R records in one file (benchmarks)
  --self-check               checks the TAC, DES/SM4 and MAC code against the spec's vectors and
                             sample data (keys, the sample file's MAC and reasons); exit 0 or 1
  --data DIR                 for --self-check: a folder holding vectors/ and samples/ (default:
                             the source tree's tests/data, the repository's copy)
  --shared DIR               for --self-check: the scheme's shared/ folder (DIR/spec/vectors and
                             DIR/samples) instead
  --help                     this text
)";
}

}  // namespace cityclear::gen
