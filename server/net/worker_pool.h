#pragma once
// A fixed number of threads taking jobs from a bounded queue: a full queue refuses the job at
// once (the caller answers "busy") instead of letting work pile up without bound.
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace cityclear::net {

class WorkerPool {
 public:
  // `name` labels the pool's gauges in /metrics.
  WorkerPool(std::string name, int threads, int queue_depth);
  ~WorkerPool();  // shutdown()
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  // Queues a job; false when queue_depth jobs already wait or the pool is shutting down.
  bool try_submit(std::function<void()> job);
  // Refuses new jobs, runs the queued ones, joins the threads.
  void shutdown();
  // Nothing queued and nothing running.
  bool idle() const;

 private:
  void run_jobs();
  void publish_gauges_locked() const;

  std::string name_;
  size_t queue_depth_;
  mutable std::mutex mutex_;
  std::condition_variable job_ready_;
  std::deque<std::function<void()>> queue_;
  int running_ = 0;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace cityclear::net
