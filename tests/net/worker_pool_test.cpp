#include <atomic>
#include <catch2/catch.hpp>
#include <future>

#include "common/metrics.h"
#include "net/worker_pool.h"

using namespace cityclear;

TEST_CASE("a full queue refuses jobs at once", "[workers]") {
  net::WorkerPool pool("test-full", 1, 2);
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  std::promise<void> started;
  REQUIRE(pool.try_submit([&] {
    started.set_value();
    released.wait();
  }));
  started.get_future().wait();
  CHECK(pool.try_submit([] {}));
  CHECK(pool.try_submit([] {}));
  CHECK_FALSE(pool.try_submit([] {}));  // queue_depth 2 waiting
  CHECK(metrics().value("cityclear_worker_jobs_queued", {{"pool", "test-full"}}) == 2);
  CHECK_FALSE(pool.idle());
  release.set_value();
  pool.shutdown();
  CHECK(pool.idle());
}

TEST_CASE("shutdown runs the queued jobs, then refuses", "[workers]") {
  std::atomic<int> done{0};
  net::WorkerPool pool("test-drain", 2, 100);
  for (int i = 0; i < 50; ++i) REQUIRE(pool.try_submit([&] { ++done; }));
  pool.shutdown();
  CHECK(done == 50);
  CHECK_FALSE(pool.try_submit([] {}));
}

TEST_CASE("a job that throws does not take its worker down", "[workers]") {
  std::atomic<int> done{0};
  net::WorkerPool pool("test-throw", 1, 10);
  REQUIRE(pool.try_submit([] { throw std::runtime_error("boom"); }));
  REQUIRE(pool.try_submit([&] { ++done; }));
  pool.shutdown();
  CHECK(done == 1);
}
