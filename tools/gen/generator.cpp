#include "gen/generator.h"

#include <algorithm>
#include <chrono>
#include <ostream>

#include "gen/config_writer.h"
#include "gen/day_generator.h"
#include "gen/expected_json.h"
#include "gen/file_faults.h"
#include "gen/settlement_files.h"

namespace cityclear::gen {
namespace {

bool starts_with(const std::string& text, const char* prefix) {
  return text.rfind(prefix, 0) == 0;
}

// Removes what an earlier run may have left (its TB1 files would otherwise mix into this day).
void prepare_out_dir(const std::filesystem::path& out_dir) {
  std::filesystem::create_directories(out_dir);
  for (const auto& entry : std::filesystem::directory_iterator(out_dir)) {
    std::string name = entry.path().filename().string();
    if (entry.is_regular_file() && starts_with(name, "TB1_") &&
        entry.path().extension() == ".txt") {
      std::filesystem::remove(entry.path());
    }
  }
  std::filesystem::path expected = out_dir / "expected";
  if (std::filesystem::is_directory(expected)) {
    for (const auto& entry : std::filesystem::directory_iterator(expected)) {
      std::string name = entry.path().filename().string();
      if (starts_with(name, "CLR_") || starts_with(name, "RJT_") || starts_with(name, "STL_")) {
        std::filesystem::remove(entry.path());
      }
    }
  }
  std::filesystem::remove_all(out_dir / ".cityclear-gen-spill");
}

DayLimits limits_for(const GenOptions& options, const DayPlan& plan) {
  DayLimits limits;
  bool oversized_files = options.file_faults[4] > 0;
  limits.max_records_per_file =
      oversized_files ? plan.largest_file_records
                      : std::max(limits.max_records_per_file, plan.largest_file_records);
  // Large enough for the F05 file too, so that only its record count rejects it.
  int64_t needed = tb1_file_bytes(limits.max_records_per_file + 1);
  int64_t mebibyte = 1 << 20;
  limits.max_file_bytes =
      std::max(limits.max_file_bytes, (needed + mebibyte - 1) / mebibyte * mebibyte);
  return limits;
}

// The accepted files in their order, each fault file placed before the accepted file it names.
std::vector<FileExpectation> merge_upload_order(std::vector<FileExpectation> accepted,
                                                std::vector<FaultFile> faults) {
  std::stable_sort(faults.begin(), faults.end(), [](const FaultFile& a, const FaultFile& b) {
    return a.insert_before < b.insert_before;
  });
  std::vector<FileExpectation> order;
  size_t next_fault = 0;
  for (size_t position = 0; position <= accepted.size(); ++position) {
    while (next_fault < faults.size() && faults[next_fault].insert_before == position) {
      order.push_back(std::move(faults[next_fault++].expectation));
    }
    if (position < accepted.size()) order.push_back(std::move(accepted[position]));
  }
  return order;
}

void log_summary(std::ostream& log, const std::vector<FileExpectation>& files, double seconds) {
  std::array<int64_t, 14> by_reason{};
  int64_t records = 0;
  int64_t rejected = 0;
  for (const FileExpectation& file : files) {
    if (!file.accepted) {
      ++rejected;
      continue;
    }
    records += file.records;
    for (size_t i = 0; i < by_reason.size(); ++i) by_reason[i] += file.by_reason[i];
  }
  log << "files: " << files.size() << " (" << rejected
      << " to be rejected whole); records in accepted files: " << records << "\nby reason:";
  for (size_t i = 0; i < by_reason.size(); ++i) {
    if (by_reason[i] > 0) log << " " << (i < 10 ? "0" : "") << i << "=" << by_reason[i];
  }
  log << "\ntime: " << seconds << " s\n";
}

}  // namespace

void generate_day(const GenOptions& options, std::ostream& log) {
  auto started = std::chrono::steady_clock::now();
  auto lap = [&, last = started](const char* what) mutable {
    auto now = std::chrono::steady_clock::now();
    log << what << ": " << std::chrono::duration<double>(now - last).count() << " s\n";
    last = now;
  };
  prepare_out_dir(options.out_dir);
  Scheme scheme = build_scheme(options.seed, options.participants);
  ActivityProfile profile;
  DayPlan plan = plan_day(options, scheme, profile);
  DayLimits limits = limits_for(options, plan);
  write_scheme_files(options.out_dir, scheme, limits);
  DayGenerator day(options, scheme, plan, limits, profile);
  lap("scheme and cards");
  std::vector<FileExpectation> accepted;
  for (size_t i = 0; i < plan.files.size(); ++i)
    accepted.push_back(day.write_file(plan.files[i], i));
  std::vector<FaultFile> faults = write_file_faults(options, scheme, plan, limits, day);
  std::vector<FileExpectation> order = merge_upload_order(std::move(accepted), std::move(faults));
  lap("TB1 files");
  std::vector<std::string> settlement = write_settlement_files(
      options.out_dir / "expected", options.date_text(), scheme, day.ledger());
  lap("settlement files");
  write_expected_json(options.out_dir / "expected.json", options, limits, order,
                      day.ledger().positions(), settlement);
  lap("expected.json");
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  log_summary(log, order, seconds);
}

}  // namespace cityclear::gen
