#pragma once
// expected.json: everything a test or benchmark needs to judge an ingest of the generated day.
//   generator     the options (and seed) that made the day
//   date, limits  the clearing day and the ingest limits the expectations assume
//   upload_order  file names in the order they must be ingested (duplicates depend on it)
//   files         per file, in upload order: status, reason (F01..F05 or null), rule (F01), detail,
//                 clearing_date, sha256, records, total_amount; accepted files also by_reason
//                 (codes that occur) and reasons: the reason of record s is reasons[2(s-1), 2s)
//   totals        files and records by outcome
//   positions     the center's fee income and each participant's receivable, payable, fees, net
//   settlement_files  the names in expected/
#include <filesystem>
#include <string>
#include <vector>

#include "gen/clearing_ledger.h"
#include "gen/file_expectation.h"
#include "gen/limits.h"
#include "gen/options.h"

namespace cityclear::gen {

void write_expected_json(const std::filesystem::path& path, const GenOptions& options,
                         const DayLimits& limits,
                         const std::vector<FileExpectation>& files_in_upload_order,
                         const Positions& positions,
                         const std::vector<std::string>& settlement_files);

}  // namespace cityclear::gen
