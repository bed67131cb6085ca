#include "gen/activity_profile.h"

#include <algorithm>

namespace cityclear::gen {
namespace {

constexpr std::array<double, 24> hourly_weight = {0.3, 0.1, 0.1, 0.1, 0.3, 1.5, 4,   8,
                                                  9,   5,   3.5, 3.5, 4,   3.5, 3.5, 3.5,
                                                  4.5, 7,   8.5, 5,   3.5, 2.5, 1.5, 0.8};

}  // namespace

ActivityProfile::ActivityProfile() {
  double total = 0;
  for (double weight : hourly_weight) total += weight;
  double running = 0;
  for (size_t hour = 0; hour < 24; ++hour) {
    cumulative_by_hour_[hour] = running / total;
    running += hourly_weight[hour];
  }
  cumulative_by_hour_[24] = 1.0;
}

double ActivityProfile::cumulative(double second_of_day) const {
  double clamped = std::clamp(second_of_day, 0.0, 86400.0);
  size_t hour = std::min<size_t>(23, static_cast<size_t>(clamped / 3600));
  double within = (clamped - static_cast<double>(hour) * 3600) / 3600;
  return cumulative_by_hour_[hour] +
         within * (cumulative_by_hour_[hour + 1] - cumulative_by_hour_[hour]);
}

double ActivityProfile::second_at(double share) const {
  double clamped = std::clamp(share, 0.0, 1.0);
  auto upper = std::upper_bound(cumulative_by_hour_.begin(), cumulative_by_hour_.end(), clamped);
  size_t hour = std::min<size_t>(23, static_cast<size_t>(std::max<std::ptrdiff_t>(
                                         0, upper - cumulative_by_hour_.begin() - 1)));
  double span = cumulative_by_hour_[hour + 1] - cumulative_by_hour_[hour];
  double within = span > 0 ? (clamped - cumulative_by_hour_[hour]) / span : 0;
  return (static_cast<double>(hour) + std::clamp(within, 0.0, 1.0)) * 3600;
}

}  // namespace cityclear::gen
