#pragma once
// The command line of cityclear-load.
#include <string>
#include <vector>

#include "loadtest/load_run.h"
#include "loadtest/upload_plan.h"

namespace cityclear::load {

struct LoadOptions {
  PlanOptions plan;
  RunSettings run;
  std::string outcomes_path;      // JSON lines of every acknowledged outcome
  std::string summary_json_path;  // optional: the summary as one JSON object
  std::string large_file;         // optional: one large TB1 file uploaded beside the small ones
  bool help = false;
};

// Throws std::invalid_argument with a one-line message on a bad command line.
LoadOptions parse_load_options(const std::vector<std::string>& arguments);
const char* load_usage_text();

}  // namespace cityclear::load
