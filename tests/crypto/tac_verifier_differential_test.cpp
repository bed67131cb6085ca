// verify_tacs on every SIMD path against the OpenSSL reference, over a million random records
// of both algorithms (CITYCLEAR_QUICK=1: 50,000) in batches of awkward sizes: identical
// verdicts required, record by record.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <random>
#include <string>
#include <thread>

#include "crypto/file_key_provider.h"
#include "crypto/support/random_tac_workload.h"
#include "support/test_paths.h"

namespace crypto = cityclear::crypto;
using crypto::SimdPath;

namespace {

size_t differential_record_count() {
  const char* quick = std::getenv("CITYCLEAR_QUICK");
  return quick != nullptr && std::string(quick) == "1" ? 50'000 : 1'000'000;
}

// Sizes around the lane counts (64, 256) and the verifier's chunk (512), then random ones.
size_t batch_size(std::mt19937_64& random, size_t batch_number) {
  static constexpr size_t kAwkward[] = {0,   1,   2,   63,  64,  65,   255,
                                        256, 257, 511, 512, 513, 1023, 1025};
  if (batch_number < std::size(kAwkward)) return kAwkward[batch_number];
  return 1 + random() % 9000;
}

struct PathProvider {
  SimdPath path;
  std::unique_ptr<crypto::FileKeyProvider> provider;
};

std::vector<PathProvider> providers_for_every_path(const std::filesystem::path& keys_file) {
  std::vector<PathProvider> providers;
  for (SimdPath path : {SimdPath::portable, SimdPath::avx2}) {
    if (!crypto::simd_path_available(path)) {
      WARN("SIMD path " << crypto::simd_path_name(path) << " not on this CPU: skipped");
      continue;
    }
    providers.push_back({path, crypto::load_file_key_provider(keys_file, {path})});
    REQUIRE(providers.back().provider->simd_path() == path);
  }
  return providers;
}

}  // namespace

TEST_CASE("verify_tacs agrees with the reference on a million random records on every path",
          "[crypto][verifier][differential]") {
  std::mt19937_64 random(0xC17C1EA2);
  const auto keys = crypto::testing::make_random_key_set(random, 12);
  const auto keys_file = cityclear::testing::scratch_dir("crypto_differential") / "keys.json";
  crypto::testing::write_file(keys_file, crypto::testing::keys_file_json(keys));
  const auto providers = providers_for_every_path(keys_file);

  const size_t total = differential_record_count();
  size_t verified = 0, mismatches = 0;
  for (size_t batch_number = 0; verified < total; ++batch_number) {
    const size_t count = std::min(batch_size(random, batch_number), total - verified);
    const auto batch = crypto::testing::make_random_batch(random, keys, count);
    for (const PathProvider& entry : providers) {
      std::vector<crypto::TacVerdict> verdicts(count, static_cast<crypto::TacVerdict>(0xFF));
      entry.provider->verify_tacs(batch.requests, verdicts);
      for (size_t i = 0; i < count; ++i) {
        if (verdicts[i] != batch.verdicts[i]) {
          INFO(crypto::simd_path_name(entry.path)
               << " batch " << batch_number << " record " << i << " of " << count);
          REQUIRE(crypto::verdict_name(verdicts[i]) ==
                  std::string(crypto::verdict_name(batch.verdicts[i])));
        }
      }
    }
    for (auto verdict : batch.verdicts) mismatches += verdict == crypto::TacVerdict::mismatch;
    verified += count;
  }
  CHECK(verified == total);
  CHECK(mismatches > total / 40);  // the corrupted ~4.6% really were among them
}

TEST_CASE("verify_tacs gives the same verdicts from several threads at once",
          "[crypto][verifier]") {
  std::mt19937_64 random(99);
  const auto keys = crypto::testing::make_random_key_set(random, 5);
  const auto keys_file = cityclear::testing::scratch_dir("crypto_threads") / "keys.json";
  crypto::testing::write_file(keys_file, crypto::testing::keys_file_json(keys));
  const auto provider = crypto::load_file_key_provider(keys_file);
  std::vector<crypto::testing::ExpectedBatch> batches;
  for (int thread = 0; thread < 4; ++thread)
    batches.push_back(crypto::testing::make_random_batch(random, keys, 20'000));
  std::vector<std::vector<crypto::TacVerdict>> verdicts(batches.size());
  std::vector<std::thread> threads;
  for (size_t thread = 0; thread < batches.size(); ++thread) {
    verdicts[thread].resize(batches[thread].requests.size());
    threads.emplace_back(
        [&, thread] { provider->verify_tacs(batches[thread].requests, verdicts[thread]); });
  }
  for (auto& thread : threads) thread.join();
  for (size_t thread = 0; thread < batches.size(); ++thread)
    CHECK(verdicts[thread] == batches[thread].verdicts);
}
