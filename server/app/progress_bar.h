#pragma once
// A one-line progress bar on standard error, drawn only when standard error is a terminal and
// at most ten times a second; silent otherwise (logs and pipes stay clean).
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

namespace cityclear::app {

class ProgressBar {
 public:
  explicit ProgressBar(std::string label);
  ~ProgressBar();  // erases the bar
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;

  // `done` of `total` (total 0: unknown), with the current step's name.
  void update(std::string_view step, int64_t done, int64_t total);
  // Erases the bar so that a line can be printed; the next update draws it again.
  void clear();

 private:
  bool enabled_;
  bool drawn_ = false;
  std::string label_;
  std::chrono::steady_clock::time_point last_draw_{};
};

}  // namespace cityclear::app
