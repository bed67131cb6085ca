#include "app/progress_bar.h"

#include <cstdio>
#include <unistd.h>

#include <fmt/format.h>

namespace cityclear::app {
namespace {
constexpr int bar_width = 30;
constexpr std::chrono::milliseconds redraw_interval{100};
}  // namespace

ProgressBar::ProgressBar(std::string label) : enabled_(::isatty(STDERR_FILENO) == 1), label_(std::move(label)) {}

ProgressBar::~ProgressBar() { clear(); }

void ProgressBar::update(std::string_view step, int64_t done, int64_t total) {
  if (!enabled_) return;
  auto now = std::chrono::steady_clock::now();
  bool finished = total > 0 && done >= total;
  if (drawn_ && !finished && now - last_draw_ < redraw_interval) return;
  last_draw_ = now;
  std::string line;
  if (total > 0) {
    int filled = static_cast<int>(bar_width * std::min(done, total) / total);
    int percent = static_cast<int>(100 * std::min(done, total) / total);
    line = fmt::format("\r{} [{}{}] {:3d}% {}", label_, std::string(filled, '#'), std::string(bar_width - filled, '.'),
                       percent, step);
  } else {
    line = fmt::format("\r{} {} {}", label_, step, done);
  }
  std::fputs((line + "\x1b[K").c_str(), stderr);
  std::fflush(stderr);
  drawn_ = true;
}

void ProgressBar::clear() {
  if (!enabled_ || !drawn_) return;
  std::fputs("\r\x1b[K", stderr);
  std::fflush(stderr);
  drawn_ = false;
}

}  // namespace cityclear::app
