#pragma once
// Progress of a long step on standard error, the one place that decides how it is shown:
// on a terminal, a one-line bar redrawn at most ten times a second; off a terminal (logs, pipes),
// nothing by default, or on request plain lines: one when the step changes, one when it finishes
// and otherwise at most one every few seconds, each with the seconds since the start.
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

namespace cityclear::app {

// What a ProgressBar shows when its output is not a terminal.
enum class OffTerminal { silent, lines };

class ProgressBar {
 public:
  explicit ProgressBar(std::string label, OffTerminal off_terminal = OffTerminal::silent);
  // Writes to `out`, a terminal or not as `out_is_terminal` says (tests).
  ProgressBar(std::string label, OffTerminal off_terminal, std::FILE* out, bool out_is_terminal);
  ~ProgressBar();  // erases the bar
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;

  // `done` of `total` (total 0: unknown), with the current step's name.
  void update(std::string_view step, int64_t done, int64_t total);
  // Erases the bar so that a line can be printed; the next update draws it again.
  void clear();

 private:
  enum class Output { bar, lines, none };
  void draw_bar(std::string_view step, int64_t done, int64_t total);
  void print_line(std::string_view step, int64_t done, int64_t total);

  Output output_;
  std::FILE* out_;
  bool drawn_ = false;
  std::string label_;
  std::string last_step_;
  bool last_step_finished_ = false;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_draw_{};
};

}  // namespace cityclear::app
