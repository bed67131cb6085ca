#include "net/worker_pool.h"

#include <spdlog/spdlog.h>

#include "common/metrics.h"

namespace cityclear::net {

WorkerPool::WorkerPool(std::string name, int threads, int queue_depth)
    : name_(std::move(name)), queue_depth_(static_cast<size_t>(queue_depth)) {
  metrics().describe("cityclear_worker_jobs_queued", "gauge",
                     "Jobs waiting for a worker thread, by pool.");
  metrics().describe("cityclear_worker_jobs_running", "gauge",
                     "Jobs running on a worker thread, by pool.");
  {
    std::lock_guard lock(mutex_);
    publish_gauges_locked();
  }
  for (int i = 0; i < threads; ++i) threads_.emplace_back([this] { run_jobs(); });
}

WorkerPool::~WorkerPool() {
  shutdown();
}

bool WorkerPool::try_submit(std::function<void()> job) {
  {
    std::lock_guard lock(mutex_);
    if (stopping_ || queue_.size() >= queue_depth_) return false;
    queue_.push_back(std::move(job));
    publish_gauges_locked();
  }
  job_ready_.notify_one();
  return true;
}

void WorkerPool::shutdown() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  job_ready_.notify_all();
  for (auto& thread : threads_) {
    if (thread.joinable()) thread.join();
  }
  threads_.clear();
}

bool WorkerPool::idle() const {
  std::lock_guard lock(mutex_);
  return queue_.empty() && running_ == 0;
}

void WorkerPool::run_jobs() {
  std::unique_lock lock(mutex_);
  while (true) {
    job_ready_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
    if (queue_.empty()) return;  // stopping, and every queued job has run
    std::function<void()> job = std::move(queue_.front());
    queue_.pop_front();
    ++running_;
    publish_gauges_locked();
    lock.unlock();
    try {
      job();
    } catch (const std::exception& error) {  // jobs answer their own errors; this is a last resort
      spdlog::error("a {} job failed: {}", name_, error.what());
    }
    job = nullptr;  // release what the job holds before counting it done
    lock.lock();
    --running_;
    publish_gauges_locked();
  }
}

void WorkerPool::publish_gauges_locked() const {
  metrics().set("cityclear_worker_jobs_queued", {{"pool", name_}},
                static_cast<double>(queue_.size()));
  metrics().set("cityclear_worker_jobs_running", {{"pool", name_}}, running_);
}

}  // namespace cityclear::net
