#pragma once
// Work the daemon does on an interval (resolving abandoned key claims; later reconciliation), on a
// thread of its own: the first run right after start, then one every `interval`; stops (waiting
// for a run in progress) when destroyed. The task handles its own errors: one that escapes is a
// bug.
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace cityclear {

class PeriodicTask {
 public:
  PeriodicTask(std::chrono::milliseconds interval, std::function<void()> task);
  ~PeriodicTask();
  PeriodicTask(const PeriodicTask&) = delete;
  PeriodicTask& operator=(const PeriodicTask&) = delete;

 private:
  void run();

  std::chrono::milliseconds interval_;
  std::function<void()> task_;
  std::mutex mutex_;
  std::condition_variable stop_requested_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace cityclear
