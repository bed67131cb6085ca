#include "gen/day_plan.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "gen/tb1_format.h"

namespace cityclear::gen {
namespace {

std::vector<PlannedFile> plan_acquirer_files(const GenOptions& options,
                                             const SchemeParticipant& participant,
                                             size_t acquirer_index, int64_t records, int file_count,
                                             const ActivityProfile& profile, int64_t day_start) {
  std::vector<double> masses;
  for (int k = 0; k < file_count; ++k) {
    double start = static_cast<double>(active_day_seconds) * k / file_count;
    double end = static_cast<double>(active_day_seconds) * (k + 1) / file_count;
    masses.push_back(profile.cumulative(end) - profile.cumulative(start));
  }
  std::vector<int64_t> counts = apportion(records, masses, 1);
  Rng rng(derive_seed(options.seed, "files", acquirer_index));
  std::vector<PlannedFile> files;
  for (int k = 0; k < file_count; ++k) {
    PlannedFile file;
    file.acquirer_index = acquirer_index;
    file.acquirer = participant.code;
    file.file_number = k + 1;
    file.batch_id =
        make_batch_id(participant.letters, options.date_text(), static_cast<uint64_t>(k + 1), rng);
    file.name = tb1_file_name(participant.code, file.batch_id);
    file.window_start = day_start + active_day_seconds * k / file_count;
    file.window_end = day_start + active_day_seconds * (k + 1) / file_count;
    file.created = file.window_end + rng.between(30, 540);
    file.record_count = counts[static_cast<size_t>(k)];
    files.push_back(std::move(file));
  }
  return files;
}

}  // namespace

std::vector<int64_t> apportion(int64_t total, const std::vector<double>& weights, int64_t minimum) {
  size_t n = weights.size();
  std::vector<int64_t> parts(n, minimum);
  int64_t rest = total - minimum * static_cast<int64_t>(n);
  double weight_sum = std::accumulate(weights.begin(), weights.end(), 0.0);
  if (rest <= 0 || weight_sum <= 0) return parts;
  std::vector<std::pair<double, size_t>> remainders;
  int64_t given = 0;
  for (size_t i = 0; i < n; ++i) {
    double quota = static_cast<double>(rest) * weights[i] / weight_sum;
    int64_t whole = static_cast<int64_t>(std::floor(quota));
    parts[i] += whole;
    given += whole;
    remainders.emplace_back(quota - static_cast<double>(whole), i);
  }
  std::stable_sort(remainders.begin(), remainders.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  for (size_t i = 0; given < rest; i = (i + 1) % n, ++given) parts[remainders[i].second] += 1;
  return parts;
}

std::string make_batch_id(const std::string& letters, const std::string& date, uint64_t sequence,
                          Rng& rng) {
  std::string id = letters.substr(0, 2) + date + std::string(10, '0');
  put_decimal(id.data() + 10, sequence, 8);
  id[18] = static_cast<char>('A' + rng.below(26));
  id[19] = static_cast<char>('A' + rng.below(26));
  return id;
}

std::string tb1_file_name(uint32_t acquirer, const std::string& batch_id,
                          const std::string& suffix) {
  std::string code(8, '0');
  put_decimal(code.data(), acquirer, 8);
  return "TB1_" + code + "_" + batch_id + suffix + ".txt";
}

DayPlan plan_day(const GenOptions& options, const Scheme& scheme, const ActivityProfile& profile) {
  DayPlan plan;
  plan.day_start = days_from_civil(options.date) * 86400;
  size_t n = scheme.participants.size();
  plan.records_per_acquirer.assign(n, 0);
  if (options.single_file) {
    plan.records_per_acquirer[0] = options.records;
  } else {
    std::vector<double> weights;
    for (const auto& participant : scheme.participants)
      weights.push_back(participant.volume_weight);
    plan.records_per_acquirer = apportion(options.records, weights, options.files_per_acquirer);
  }
  int file_count = options.single_file ? 1 : options.files_per_acquirer;
  for (size_t a = 0; a < n; ++a) {
    if (plan.records_per_acquirer[a] == 0) continue;
    auto files =
        plan_acquirer_files(options, scheme.participants[a], a, plan.records_per_acquirer[a],
                            file_count, profile, plan.day_start);
    for (auto& file : files) plan.files.push_back(std::move(file));
  }
  std::stable_sort(
      plan.files.begin(), plan.files.end(), [](const PlannedFile& x, const PlannedFile& y) {
        return x.created != y.created ? x.created < y.created : x.acquirer < y.acquirer;
      });
  for (const auto& file : plan.files)
    plan.largest_file_records = std::max(plan.largest_file_records, file.record_count);
  return plan;
}

}  // namespace cityclear::gen
