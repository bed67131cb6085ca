// SIMD path selection: names, the CITYCLEAR_SIMD override, and the CPU summary.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <string>

#include "crypto/simd_path.h"

namespace crypto = cityclear::crypto;
using crypto::SimdPath;

TEST_CASE("SIMD paths have names and the portable one is always there", "[crypto][simd]") {
  CHECK(std::string(crypto::simd_path_name(SimdPath::portable)) == "portable");
  CHECK(std::string(crypto::simd_path_name(SimdPath::avx2)) == "avx2");
  CHECK(crypto::simd_path_available(SimdPath::portable));
  CHECK_FALSE(crypto::cpu_flags_summary().empty());
}

TEST_CASE("CITYCLEAR_SIMD forces a path, falling back to portable when the CPU lacks it",
          "[crypto][simd]") {
  const char* previous = std::getenv("CITYCLEAR_SIMD");
  const std::string saved = previous != nullptr ? previous : "";
  ::setenv("CITYCLEAR_SIMD", "portable", 1);
  CHECK(crypto::best_simd_path() == SimdPath::portable);
  ::setenv("CITYCLEAR_SIMD", "avx2", 1);
  CHECK(crypto::best_simd_path() ==
        (crypto::simd_path_available(SimdPath::avx2) ? SimdPath::avx2 : SimdPath::portable));
  ::unsetenv("CITYCLEAR_SIMD");
  CHECK(crypto::best_simd_path() ==
        (crypto::simd_path_available(SimdPath::avx2) ? SimdPath::avx2 : SimdPath::portable));
  if (previous != nullptr) ::setenv("CITYCLEAR_SIMD", saved.c_str(), 1);
}
