#include "store/retry_backoff.h"

#include <algorithm>
#include <chrono>
#include <random>
#include <thread>

#include "common/check.h"

namespace cityclear::store {

RetryBackoff::RetryBackoff(RetrySettings settings)
    : settings_(settings), next_backoff_ms_(settings.first_backoff_ms) {
  CITYCLEAR_CHECK(settings.attempts >= 1 && settings.first_backoff_ms >= 0,
                  "retry settings are sane");
}

bool RetryBackoff::another_without_wait() {
  if (tries_ >= settings_.attempts) return false;
  ++tries_;
  return true;
}

bool RetryBackoff::wait_before_next() {
  if (!another_without_wait()) return false;
  thread_local std::minstd_rand jitter(std::random_device{}());
  int64_t half = next_backoff_ms_ / 2;
  int64_t wait_ms = half + static_cast<int64_t>(jitter() % static_cast<uint64_t>(half + 1));
  std::this_thread::sleep_for(std::chrono::milliseconds(wait_ms));
  next_backoff_ms_ = std::min(settings_.max_backoff_ms, next_backoff_ms_ * 2);
  return true;
}

}  // namespace cityclear::store
