#pragma once
// Bounded retries of database work that failed transiently (transient_failure.h): at most
// `attempts` tries, waiting `first_backoff_ms` before the second and twice as long before each
// next one, at most max_backoff_ms, with jitter so that clients that failed together do not
// retry together.
#include <cstdint>

namespace cityclear::store {

struct RetrySettings {
  int attempts = 5;  // tries in all, the first included
  int64_t first_backoff_ms = 50;
  int64_t max_backoff_ms = 2000;
};

class RetryBackoff {
 public:
  explicit RetryBackoff(RetrySettings settings);

  // After a failed try: false when the tries are used up; else waits and returns true.
  bool wait_before_next();
  // After a failed try that needs no wait (a race lost: the winner's work is now visible).
  bool another_without_wait();
  int tries() const { return tries_; }

 private:
  RetrySettings settings_;
  int tries_ = 1;
  int64_t next_backoff_ms_;
};

}  // namespace cityclear::store
