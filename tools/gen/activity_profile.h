#pragma once
// How transit use spreads over a day: an hourly weight (night lull, morning and evening peaks),
// linear within each hour. Gives the share of the day's records in a window and the time at a
// given quantile of a window, so that a file's records come out in time order without sorting.
#include <array>
#include <cstdint>

namespace cityclear::gen {

class ActivityProfile {
 public:
  ActivityProfile();
  // Cumulative share of the day's activity before `second_of_day` (0..86400), in [0, 1].
  double cumulative(double second_of_day) const;
  // The second of the day at cumulative share `share` (inverse of cumulative()).
  double second_at(double share) const;

 private:
  std::array<double, 25> cumulative_by_hour_{};
};

}  // namespace cityclear::gen
