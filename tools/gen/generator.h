#pragma once
// Generates a whole clearing day into options.out_dir (see usage_text()).
#include <iosfwd>

#include "gen/options.h"

namespace cityclear::gen {

// Writes everything; reports progress and a summary to `log`. Throws on I/O errors.
void generate_day(const GenOptions& options, std::ostream& log);

}  // namespace cityclear::gen
