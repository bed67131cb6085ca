#pragma once
// Which vector instruction set the bulk TAC kernels (3DES and SM4) run on. One enum shared by
// both kernels so the verifier picks a single path for the whole run.
#include <cstdint>
#include <string>

namespace cityclear::crypto {

enum class SimdPath : uint8_t { portable, avx2 };

// True when this CPU can run the path (portable always can). Checked at run time, so one
// binary serves CPUs with and without AVX2.
bool simd_path_available(SimdPath path);
// "portable" or "avx2".
const char* simd_path_name(SimdPath path);
// The fastest available path, unless the environment variable CITYCLEAR_SIMD=portable|avx2
// forces one (a forced path the CPU lacks falls back to portable).
SimdPath best_simd_path();
// The CPU features relevant to the kernels, e.g. "avx2 bmi2 aes vaes sha -avx512f -gfni".
std::string cpu_flags_summary();

}  // namespace cityclear::crypto
