#pragma once
// After the timed phase: checks that each acknowledged answer is a batch outcome whose HTTP status
// fits it (200 accepted, 409 F04, 422 the other rejections), tallies outcomes, retries and errors,
// computes rates and latency percentiles, prints the summary table, and writes every acknowledged
// outcome (JSON lines, as the server answered) for tools/check-outcomes.jq.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "loadtest/load_run.h"
#include "loadtest/upload_plan.h"

namespace cityclear::load {

struct LatencySummary {
  size_t count = 0;
  double p50_ms = 0;
  double p99_ms = 0;
  double max_ms = 0;
};

struct LoadSummary {
  int clients = 0;
  size_t files = 0;
  size_t waves = 0;
  size_t acknowledged = 0;
  size_t errors = 0;  // answered wrongly, failed, or not uploaded
  int64_t retries_by_cause[retry_cause_count] = {};
  int64_t records = 0;  // in acknowledged outcomes
  double elapsed_s = 0;
  double files_per_s = 0;
  double records_per_s = 0;
  LatencySummary latency;                  // every acknowledged small upload
  LatencySummary latency_beside_large;     // those that started while the large file was in flight
  std::map<std::string, size_t> outcomes;  // "accepted", "rejected F04", ...
  std::map<std::string, size_t> by_transport;  // "http 200", "tcp", ...
  std::vector<std::string> error_lines;        // "<file> (<transport>): <why>"
  std::string large_outcome;  // "accepted", "rejected F05"; empty without one or on error
};

// Validates the acknowledged answers (turning misfits into errors) and sums everything up.
LoadSummary summarize(const UploadPlan& plan, RunResults& results, const Upload* large_upload,
                      int clients);
void write_outcomes(const RunResults& results, const std::string& path);
void write_summary_json(const LoadSummary& summary, const std::string& path);

}  // namespace cityclear::load
