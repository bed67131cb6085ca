#pragma once
// The outcomes ingest answers, built in one place for the group path and the large-file path:
// an accepted file's (counts by reason), a rejected file's, and the F04 rejection of a reused
// batch id.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/local_time.h"
#include "ingest/batch_outcome.h"
#include "ingest/file_examination.h"
#include "ingest/reason_code.h"

namespace cityclear::ingest {

std::map<std::string, int64_t> count_reasons(const std::vector<Reason>& reasons);
// {"00": 3, "01": 1}: the batch row's counts_by_reason.
std::string counts_json(const std::map<std::string, int64_t>& counts);

BatchOutcome accepted_outcome(const std::string& sha256_hex, const BatchHeader& header,
                              CivilDate day, const std::vector<Reason>& reasons);
BatchOutcome rejected_outcome(const std::string& sha256_hex,
                              const std::optional<BatchHeader>& header,
                              const FileRejection& rejection);

// F04: the header's batch id was accepted before for its acquirer, with other bytes.
FileRejection batch_id_reused(const BatchHeader& header);

}  // namespace cityclear::ingest
