// SM4 bulk TAC kernel throughput, one thread: TACs per second for each kernel, every record with
// its own random master key (the worst case for the kernel: no key is ever reused).
//
//   sm4_kernel_bench [records per call, default 65536] [seconds per kernel, default 2]
//
// Prints the overall rate over the whole run and the rate of the fastest call (the machine may be
// shared). Cycles are TSC ticks (the constant-rate time stamp counter), not core cycles: with turbo
// the core runs faster than the TSC and the true core cycles per TAC are higher by that ratio.
#include <x86intrin.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include "crypto/simd_path.h"
#include "crypto/sm4_bulk.h"
#include "crypto/sm4_kernels.h"

namespace {

using namespace cityclear::crypto;

struct Workload {
  std::vector<Sm4MasterKey> prepared;
  std::vector<const Sm4MasterKey*> masters;
  std::vector<DiversificationFactor> factors;
  std::vector<TacInput> inputs;
};

Workload random_workload(size_t records) {
  std::mt19937_64 random(42);
  Workload workload;
  workload.prepared.reserve(records);
  for (size_t i = 0; i < records; ++i) {
    uint8_t key[16];
    for (auto& byte : key) byte = static_cast<uint8_t>(random());
    workload.prepared.push_back(sm4_prepare_master_key(key));
    DiversificationFactor factor{};
    for (auto& byte : factor) byte = static_cast<uint8_t>(random());
    workload.factors.push_back(factor);
    TacInput input{};
    for (auto& byte : input) byte = static_cast<uint8_t>(random());
    workload.inputs.push_back(input);
  }
  for (const Sm4MasterKey& key : workload.prepared) workload.masters.push_back(&key);
  return workload;
}

using Kernel = std::function<void(const Workload&, uint32_t*)>;

// The machine may be shared: besides the overall rate, keep the fastest single call, which is
// the rate of the kernel when it had the core to itself.
struct Measurement {
  double tacs_per_second;
  double ticks_per_tac;
  double best_tacs_per_second;
  double best_ticks_per_tac;
};

Measurement measure(const Kernel& kernel, const Workload& workload, std::vector<uint32_t>& tacs,
                    double seconds) {
  kernel(workload, tacs.data());  // warm up caches and clocks
  const double records = static_cast<double>(tacs.size());
  double calls = 0;
  double elapsed = 0;
  double ticks = 0;
  double best_seconds = 1e30;
  double best_ticks = 1e30;
  while (elapsed < seconds) {
    const auto start = std::chrono::steady_clock::now();
    const uint64_t start_ticks = __rdtsc();
    kernel(workload, tacs.data());
    const double call_ticks = static_cast<double>(__rdtsc() - start_ticks);
    const double call_seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    calls += 1;
    elapsed += call_seconds;
    ticks += call_ticks;
    if (call_seconds < best_seconds) best_seconds = call_seconds;
    if (call_ticks < best_ticks) best_ticks = call_ticks;
  }
  return {calls * records / elapsed, ticks / (calls * records), records / best_seconds,
          best_ticks / records};
}

struct NamedKernel {
  std::string name;
  bool available;
  Kernel run;
};

std::vector<NamedKernel> kernels(size_t records) {
  auto public_path = [records](SimdPath path) -> Kernel {
    return [records, path](const Workload& w, uint32_t* tacs) {
      sm4_bulk_tacs(path, w.masters.data(), w.factors.data(), w.inputs.data(), tacs, records);
    };
  };
  auto avx2_variant = [records](Sm4AesInstruction instruction) -> Kernel {
    return [records, instruction](const Workload& w, uint32_t* tacs) {
      sm4_bulk_tacs_avx2(instruction, w.masters.data(), w.factors.data(), w.inputs.data(), tacs,
                         records);
    };
  };
  return {
      {"portable", true, public_path(SimdPath::portable)},
      {"avx2 (best: vaes if present)", simd_path_available(SimdPath::avx2),
       public_path(SimdPath::avx2)},
      {"avx2 kernel, aes-ni 128-bit", sm4_avx2_kernel_available(Sm4AesInstruction::aesni_128),
       avx2_variant(Sm4AesInstruction::aesni_128)},
  };
}

}  // namespace

int main(int argc, char** argv) {
  const size_t records = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 65536;
  const double seconds = argc > 2 ? std::strtod(argv[2], nullptr) : 2.0;
  std::printf("cpu: %s\nrecords per call: %zu, each with its own master key\n",
              cpu_flags_summary().c_str(), records);
  const Workload workload = random_workload(records);
  std::vector<uint32_t> reference(records);
  sm4_bulk_tacs_portable(workload.masters.data(), workload.factors.data(), workload.inputs.data(),
                         reference.data(), records);
  int status = 0;
  for (const NamedKernel& kernel : kernels(records)) {
    if (!kernel.available) {
      std::printf("%-30s not available on this CPU\n", kernel.name.c_str());
      continue;
    }
    std::vector<uint32_t> tacs(records);
    const Measurement result = measure(kernel.run, workload, tacs, seconds);
    const bool agrees = tacs == reference;
    if (!agrees) status = 1;
    std::printf(
        "%-30s overall %6.2f M TACs/s %6.1f ticks/TAC | best call %6.2f M TACs/s %6.1f "
        "ticks/TAC%s\n",
        kernel.name.c_str(), result.tacs_per_second / 1e6, result.ticks_per_tac,
        result.best_tacs_per_second / 1e6, result.best_ticks_per_tac,
        agrees ? "" : "  MISMATCH vs portable");
  }
  return status;
}
