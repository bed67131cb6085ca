#include "crypto/simd_path.h"

#include <cstdlib>
#include <string_view>

namespace cityclear::crypto {

bool simd_path_available(SimdPath path) {
  switch (path) {
    case SimdPath::portable: return true;
    case SimdPath::avx2:
#if defined(__x86_64__) || defined(__i386__)
      // The AVX2 kernels also use BMI2 in their transposes.
      return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("bmi2");
#else
      return false;
#endif
  }
  return false;
}

const char* simd_path_name(SimdPath path) {
  switch (path) {
    case SimdPath::portable: return "portable";
    case SimdPath::avx2: return "avx2";
  }
  return "unknown";
}

SimdPath best_simd_path() {
  if (const char* forced = std::getenv("CITYCLEAR_SIMD")) {
    std::string_view name(forced);
    if (name == "portable") return SimdPath::portable;
    if (name == "avx2" && simd_path_available(SimdPath::avx2)) return SimdPath::avx2;
    if (name == "avx2") return SimdPath::portable;
  }
  return simd_path_available(SimdPath::avx2) ? SimdPath::avx2 : SimdPath::portable;
}

std::string cpu_flags_summary() {
  std::string summary;
#if defined(__x86_64__) || defined(__i386__)
  auto add = [&summary](const char* name, bool present) {
    if (!summary.empty()) summary += ' ';
    if (!present) summary += '-';
    summary += name;
  };
  add("sse4.2", __builtin_cpu_supports("sse4.2"));
  add("avx", __builtin_cpu_supports("avx"));
  add("avx2", __builtin_cpu_supports("avx2"));
  add("bmi2", __builtin_cpu_supports("bmi2"));
  add("aes", __builtin_cpu_supports("aes"));
  add("vaes", __builtin_cpu_supports("vaes"));
  add("vpclmulqdq", __builtin_cpu_supports("vpclmulqdq"));
  add("sha", __builtin_cpu_supports("sha"));
  add("gfni", __builtin_cpu_supports("gfni"));
  add("avx512f", __builtin_cpu_supports("avx512f"));
#else
  summary = "non-x86";
#endif
  return summary;
}

}  // namespace cityclear::crypto
