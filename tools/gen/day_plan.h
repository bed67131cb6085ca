#pragma once
// The plan of the day's TB1 files: how many records each acquirer has (by city size), how they
// split over its F files (each file covers one window of the day, by the activity profile), each
// file's created time (shortly after its window) and batch id, and the upload order.
#include <cstdint>
#include <string>
#include <vector>

#include "gen/activity_profile.h"
#include "gen/options.h"
#include "gen/rng.h"
#include "gen/scheme.h"

namespace cityclear::gen {

// Records' times lie in [00:00:00, 23:50:00); every created time is before 23:59:10.
inline constexpr int64_t active_day_seconds = 23 * 3600 + 50 * 60;

struct PlannedFile {
  size_t acquirer_index = 0;
  uint32_t acquirer = 0;
  int file_number = 0;       // 1.. within the acquirer
  std::string batch_id;      // 20 characters [0-9A-Z]
  std::string name;          // TB1_<acquirer>_<batch id>.txt
  int64_t window_start = 0;  // local seconds, records' times in [start, end)
  int64_t window_end = 0;
  int64_t created = 0;  // local seconds
  int64_t record_count = 0;
};

struct DayPlan {
  int64_t day_start = 0;                      // local seconds of the date's 00:00:00
  std::vector<PlannedFile> files;             // in upload order: by created time, then acquirer
  std::vector<int64_t> records_per_acquirer;  // by participant index
  int64_t largest_file_records = 0;
};

DayPlan plan_day(const GenOptions& options, const Scheme& scheme, const ActivityProfile& profile);

// Splits total into parts proportional to weights, each at least `minimum` (largest remainder).
std::vector<int64_t> apportion(int64_t total, const std::vector<double>& weights, int64_t minimum);

// <letters 2><date 8><sequence 8><2 random letters>, e.g. HZ2026112100000001AB.
std::string make_batch_id(const std::string& letters, const std::string& date, uint64_t sequence,
                          Rng& rng);
std::string tb1_file_name(uint32_t acquirer, const std::string& batch_id,
                          const std::string& suffix = "");

}  // namespace cityclear::gen
