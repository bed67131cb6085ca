// cityclear-load: the load test client (see load_options.cpp for the usage, tools/load-test.sh).
#include <csignal>
#include <exception>
#include <iostream>
#include <optional>

#include "loadtest/load_options.h"
#include "loadtest/load_report.h"
#include "loadtest/load_run.h"
#include "loadtest/summary_table.h"
#include "loadtest/upload_plan.h"

namespace {

using namespace cityclear::load;

int run(const LoadOptions& options) {
  UploadPlan plan = load_upload_plan(options.plan);
  std::optional<Upload> large;
  if (!options.large_file.empty())
    large = load_single_upload(options.large_file, options.plan.day_dir, options.run.http);
  const Upload* large_upload = large ? &*large : nullptr;
  RunResults results = run_load(plan, large_upload, options.run);
  LoadSummary summary = summarize(plan, results, large_upload, options.run.clients);
  print_summary(summary, results, large_upload, std::cout);
  write_outcomes(results, options.outcomes_path);
  if (!options.summary_json_path.empty()) write_summary_json(summary, options.summary_json_path);
  return summary.errors == 0 ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  std::signal(SIGPIPE, SIG_IGN);
  LoadOptions options;
  try {
    options = parse_load_options(std::vector<std::string>(argv + 1, argv + argc));
  } catch (const std::invalid_argument& error) {
    std::cerr << "cityclear-load: " << error.what() << "\n";
    return 2;
  }
  if (options.help) {
    std::cout << load_usage_text();
    return 0;
  }
  try {
    return run(options);
  } catch (const std::exception& error) {
    std::cerr << "cityclear-load: " << error.what() << "\n";
    return 1;
  }
}
