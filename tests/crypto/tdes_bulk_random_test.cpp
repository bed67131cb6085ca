// The bulk 3DES kernel against the OpenSSL reference on random records, on every SIMD path this
// CPU has, for batch sizes around the lane counts (64 and 256) including 0 and 1.
#include <catch2/catch.hpp>
#include <random>
#include <vector>

#include "crypto/reference_tac.h"
#include "crypto/simd_path.h"
#include "crypto/tdes_bulk.h"

namespace crypto = cityclear::crypto;
using crypto::SimdPath;

TEST_CASE("bulk 3DES TACs equal the reference for every batch size", "[crypto][bulk]") {
  std::mt19937_64 random(42);
  std::vector<std::array<uint8_t, 16>> raw_keys(37);
  std::vector<crypto::TdesMasterKey> keys;
  for (auto& raw : raw_keys) {
    for (auto& byte : raw) byte = static_cast<uint8_t>(random());
    keys.push_back(crypto::tdes_prepare_master_key(raw.data()));
  }
  for (SimdPath path : {SimdPath::portable, SimdPath::avx2}) {
    if (!crypto::simd_path_available(path)) {
      WARN("SIMD path " << crypto::simd_path_name(path) << " not on this CPU: skipped");
      continue;
    }
    for (size_t count : {0, 1, 2, 63, 64, 65, 255, 256, 257, 511, 777}) {
      std::vector<const crypto::TdesMasterKey*> masters(count);
      std::vector<size_t> key_index(count);
      std::vector<crypto::DiversificationFactor> factors(count);
      std::vector<crypto::TacInput> inputs(count);
      for (size_t i = 0; i < count; ++i) {
        key_index[i] = random() % keys.size();
        masters[i] = &keys[key_index[i]];
        for (auto& byte : factors[i]) byte = static_cast<uint8_t>(random());
        for (auto& byte : inputs[i]) byte = static_cast<uint8_t>(random());
      }
      // One spare slot past the end checks that the kernel writes exactly `count` TACs.
      std::vector<uint32_t> tacs(count + 1, 0xDEADBEEF);
      crypto::tdes_bulk_tacs(path, masters.data(), factors.data(), inputs.data(), tacs.data(),
                             count);
      for (size_t i = 0; i < count; ++i) {
        INFO(crypto::simd_path_name(path) << " count " << count << " record " << i);
        REQUIRE(tacs[i] == crypto::reference::compute_tac(crypto::Algorithm::triple_des,
                                                          raw_keys[key_index[i]].data(), factors[i],
                                                          inputs[i]));
      }
      CHECK(tacs[count] == 0xDEADBEEF);
    }
  }
}
