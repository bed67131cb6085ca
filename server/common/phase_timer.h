#pragma once
// Logs (at debug level) how long each phase of a long operation took.
#include <chrono>
#include <string>

#include <spdlog/spdlog.h>

namespace cityclear {

class PhaseTimer {
 public:
  explicit PhaseTimer(std::string operation)
      : operation_(std::move(operation)), last_(std::chrono::steady_clock::now()) {}
  void mark(const char* phase) {
    auto now = std::chrono::steady_clock::now();
    spdlog::debug("{}: {} in {:.3f} s", operation_, phase,
                  std::chrono::duration<double>(now - last_).count());
    last_ = now;
  }

 private:
  std::string operation_;
  std::chrono::steady_clock::time_point last_;
};

}  // namespace cityclear
