#include "loadtest/load_run.h"

#include <algorithm>
#include <atomic>
#include <memory>
#include <thread>

namespace cityclear::load {
namespace {

using Clock = std::chrono::steady_clock;

struct WaveState {
  const UploadPlan& plan;
  std::vector<UploadResult>& results;
  Clock::time_point run_start;
  Clock::time_point deadline;
  std::atomic<size_t> next{0};
  size_t end = 0;
};

// One client's share of a wave: the next file in order until the wave (or the time) runs out.
void drain_wave(UploadClient& client, WaveState& wave) {
  for (;;) {
    size_t index = wave.next.fetch_add(1, std::memory_order_relaxed);
    if (index >= wave.end || Clock::now() >= wave.deadline) return;
    client.upload(wave.plan.uploads[index], wave.run_start, wave.results[index]);
  }
}

void run_wave(std::vector<std::unique_ptr<UploadClient>>& clients, WaveState& wave) {
  std::vector<std::thread> threads;
  threads.reserve(clients.size());
  for (auto& client : clients)
    threads.emplace_back([&client, &wave] { drain_wave(*client, wave); });
  for (std::thread& thread : threads) thread.join();
}

std::vector<std::unique_ptr<UploadClient>> make_clients(const RunSettings& settings, int count,
                                                        uint64_t seed) {
  std::vector<std::unique_ptr<UploadClient>> clients;
  for (int i = 0; i < count; ++i) {
    clients.push_back(std::make_unique<UploadClient>(settings.http, settings.tcp,
                                                     settings.timeout_ms, settings.retry,
                                                     seed + static_cast<uint64_t>(i)));
  }
  return clients;
}

void note_span(RunResults& results) {
  bool any = false;
  for (const UploadResult& result : results.small) {
    if (!result.done) continue;
    results.small_first_start_us =
        any ? std::min(results.small_first_start_us, result.start_us) : result.start_us;
    results.small_last_end_us =
        std::max(results.small_last_end_us, result.start_us + result.latency_us);
    any = true;
  }
}

}  // namespace

RunResults run_load(const UploadPlan& plan, const Upload* large_upload,
                    const RunSettings& settings) {
  RunResults results;
  results.small.resize(plan.uploads.size());
  for (UploadResult& result : results.small) result.answer.body.reserve(512);
  auto clients = make_clients(settings, settings.clients, 1);
  auto large_client = make_clients(settings, large_upload ? 1 : 0, 1000);
  Clock::time_point run_start = Clock::now();
  Clock::time_point deadline = run_start + std::chrono::seconds(settings.deadline_s);
  std::thread large_thread;
  if (large_upload) {
    results.large.emplace();
    large_thread =
        std::thread([&] { large_client[0]->upload(*large_upload, run_start, *results.large); });
  }
  for (const Wave& wave : plan.waves) {
    WaveState state{plan, results.small, run_start, deadline, {wave.begin}, wave.end};
    run_wave(clients, state);
  }
  if (large_thread.joinable()) large_thread.join();
  note_span(results);
  return results;
}

}  // namespace cityclear::load
