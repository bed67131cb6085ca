#pragma once
// One small upload on its way into a group commit: examined, and (unless rejected whole)
// decided record by record by its worker, waiting for the group's transaction to store it.
#include <cstdint>
#include <exception>
#include <optional>
#include <vector>

#include "common/local_time.h"
#include "ingest/batch_outcome.h"
#include "ingest/claim_candidates.h"
#include "ingest/file_examination.h"
#include "ingest/raw_archive.h"
#include "ingest/reason_code.h"
#include "ingest/record_pipeline.h"

namespace cityclear::ingest {

struct PendingFile {
  const StoredBytes* bytes = nullptr;
  const FileExamination* examination = nullptr;
  // Only for a file not rejected whole (examination->rejection empty):
  CivilDate wanted_day{};  // from the receipt time and the cutoff
  CivilDate day{};         // the open day it goes to (OpenDayCache; checked in the group)
  RecordPipeline* pipeline = nullptr;
  const ClaimCandidates* candidates = nullptr;  // sorted by key, each key once
  std::vector<Reason> decided_reasons;          // before the database's duplicate check
  int64_t blacklist_version = 0;                // of the snapshot the reasons were decided with

  bool rejected_whole() const { return examination->rejection.has_value(); }
};

// What the group commit answers a pending file.
struct GroupAnswer {
  std::optional<BatchOutcome> outcome;
  bool decide_again = false;   // a newer blacklist was published: decide with it and submit again
  std::exception_ptr failure;  // the group could not be stored (transient failures already retried)
};

}  // namespace cityclear::ingest
