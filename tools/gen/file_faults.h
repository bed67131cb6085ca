#pragma once
// Files that must be rejected whole (--file-faults): F01 malformed (one rule each, see
// malformed_variants.h), F02 a wrong MAC, F03 an acquirer with no file key, F04 a batch id already
// accepted for that acquirer reused with other bytes, F05 one record over max_records_per_file.
// Their records are valid purchases that move no card (the files store nothing). Written after
// the day's accepted files; each says where in the upload order it goes.
#include <cstddef>
#include <vector>

#include "gen/day_generator.h"
#include "gen/file_expectation.h"

namespace cityclear::gen {

struct FaultFile {
  FileExpectation expectation;
  size_t insert_before = 0;  // upload position among the accepted files (their count: at the end)
};

std::vector<FaultFile> write_file_faults(const GenOptions& options, const Scheme& scheme,
                                         const DayPlan& plan, const DayLimits& limits,
                                         DayGenerator& day);

}  // namespace cityclear::gen
