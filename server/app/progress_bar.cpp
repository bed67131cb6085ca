#include "app/progress_bar.h"

#include <unistd.h>

#include <algorithm>

#include <fmt/format.h>

namespace cityclear::app {
namespace {
constexpr int bar_width = 30;
constexpr std::chrono::milliseconds redraw_interval{100};
constexpr std::chrono::seconds line_interval{5};

// " done/total", " done" when the total is unknown, nothing when neither is known.
std::string count_text(int64_t done, int64_t total) {
  if (total > 0) return fmt::format(" {}/{}", done, total);
  return done > 0 ? fmt::format(" {}", done) : std::string();
}
}  // namespace

ProgressBar::ProgressBar(std::string label, OffTerminal off_terminal)
    : ProgressBar(std::move(label), off_terminal, stderr, ::isatty(STDERR_FILENO) == 1) {}

ProgressBar::ProgressBar(std::string label, OffTerminal off_terminal, std::FILE* out,
                         bool out_is_terminal)
    : output_(out_is_terminal                      ? Output::bar
              : off_terminal == OffTerminal::lines ? Output::lines
                                                   : Output::none),
      out_(out),
      label_(std::move(label)),
      start_(std::chrono::steady_clock::now()) {}

ProgressBar::~ProgressBar() {
  clear();
}

void ProgressBar::update(std::string_view step, int64_t done, int64_t total) {
  if (output_ == Output::bar) draw_bar(step, done, total);
  if (output_ == Output::lines) print_line(step, done, total);
}

void ProgressBar::draw_bar(std::string_view step, int64_t done, int64_t total) {
  auto now = std::chrono::steady_clock::now();
  bool finished = total > 0 && done >= total;
  if (drawn_ && !finished && now - last_draw_ < redraw_interval) return;
  last_draw_ = now;
  std::string line;
  if (total > 0) {
    int filled = static_cast<int>(bar_width * std::min(done, total) / total);
    int percent = static_cast<int>(100 * std::min(done, total) / total);
    line = fmt::format("\r{} [{}{}] {:3d}% {}", label_, std::string(filled, '#'),
                       std::string(bar_width - filled, '.'), percent, step);
  } else {
    line = fmt::format("\r{} {} {}", label_, step, done);
  }
  std::fputs((line + "\x1b[K").c_str(), out_);
  std::fflush(out_);
  drawn_ = true;
}

// A line when the step changes, when it finishes, and otherwise every line_interval.
void ProgressBar::print_line(std::string_view step, int64_t done, int64_t total) {
  auto now = std::chrono::steady_clock::now();
  bool new_step = !drawn_ || step != last_step_;
  bool finished = total > 0 && done >= total;
  bool newly_finished = finished && (new_step || !last_step_finished_);
  if (!new_step && !newly_finished && now - last_draw_ < line_interval) return;
  last_draw_ = now;
  last_step_.assign(step);
  last_step_finished_ = finished;
  drawn_ = true;
  double seconds = std::chrono::duration<double>(now - start_).count();
  std::fputs(
      fmt::format("[{:8.2f} s] {}: {}{}\n", seconds, label_, step, count_text(done, total)).c_str(),
      out_);
  std::fflush(out_);
}

void ProgressBar::clear() {
  if (output_ != Output::bar || !drawn_) return;
  std::fputs("\r\x1b[K", out_);
  std::fflush(out_);
  drawn_ = false;
}

}  // namespace cityclear::app
