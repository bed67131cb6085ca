#pragma once
// The settlement files of the day (shared/spec/clearing.md, "Files"), written a second time,
// independently of the server: CLR1 and RJT1 for every participant, and STL1. Written into
// <out>/expected/ as CLR_<code>_<date>.txt, RJT_<code>_<date>.txt and STL_<date>.txt.
#include <filesystem>
#include <string>
#include <vector>

#include "gen/clearing_ledger.h"
#include "gen/scheme.h"

namespace cityclear::gen {

// Returns the names of the files written, in the order written.
std::vector<std::string> write_settlement_files(const std::filesystem::path& folder,
                                                const std::string& date, const Scheme& scheme,
                                                ClearingLedger& ledger);

}  // namespace cityclear::gen
