#pragma once
// The summary an operator reads after a load run: one short table, then at most a few error lines.
#include <ostream>

#include "loadtest/load_report.h"

namespace cityclear::load {

void print_summary(const LoadSummary& summary, const RunResults& results,
                   const Upload* large_upload, std::ostream& out);

}  // namespace cityclear::load
