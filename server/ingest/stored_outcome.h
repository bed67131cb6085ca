#pragma once
// A stored batch's outcome read back (a repeat upload, GET /v1/batches/...): the one place that
// knows the columns of statements::load_outcomes, read by name.
#include <cstdint>
#include <map>

#include <pqxx/result>
#include <pqxx/transaction_base>

#include "ingest/batch_outcome.h"

namespace cityclear::ingest {

// The outcomes of the given batch keys (each stored), by key.
std::map<int64_t, BatchOutcome> load_outcomes(pqxx::transaction_base& transaction,
                                              const std::vector<int64_t>& batch_keys);

}  // namespace cityclear::ingest
