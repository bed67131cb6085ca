// Both bulk kernels (3DES here, SM4 through the colleague's sm4_bulk_tacs) against every TAC
// vector, on every SIMD path this CPU has; a path the CPU lacks is skipped with a warning.
#include <catch2/catch.hpp>
#include <vector>

#include "crypto/simd_path.h"
#include "crypto/sm4_bulk.h"
#include "crypto/support/crypto_vectors.h"
#include "crypto/tdes_bulk.h"

namespace crypto = cityclear::crypto;
using crypto::SimdPath;

namespace {

// TACs of all vectors of one algorithm, in one bulk call (so lanes hold different keys).
std::vector<uint32_t> bulk_tacs(SimdPath path, crypto::Algorithm algorithm,
                                const std::vector<crypto::testing::TacVector>& vectors) {
  std::vector<crypto::TdesMasterKey> tdes_keys;
  std::vector<crypto::Sm4MasterKey> sm4_keys;
  std::vector<crypto::DiversificationFactor> factors;
  std::vector<crypto::TacInput> inputs;
  for (const auto& vector : vectors) {
    tdes_keys.push_back(crypto::tdes_prepare_master_key(vector.master_key.data()));
    sm4_keys.push_back(crypto::sm4_prepare_master_key(vector.master_key.data()));
    factors.push_back(vector.factor);
    inputs.push_back(vector.input);
  }
  std::vector<const crypto::TdesMasterKey*> tdes_pointers;
  std::vector<const crypto::Sm4MasterKey*> sm4_pointers;
  for (size_t i = 0; i < vectors.size(); ++i) {
    tdes_pointers.push_back(&tdes_keys[i]);
    sm4_pointers.push_back(&sm4_keys[i]);
  }
  std::vector<uint32_t> tacs(vectors.size());
  if (algorithm == crypto::Algorithm::triple_des) {
    crypto::tdes_bulk_tacs(path, tdes_pointers.data(), factors.data(), inputs.data(), tacs.data(),
                           tacs.size());
  } else {
    crypto::sm4_bulk_tacs(path, sm4_pointers.data(), factors.data(), inputs.data(), tacs.data(),
                          tacs.size());
  }
  return tacs;
}

}  // namespace

TEST_CASE("bulk kernels reproduce every TAC vector on every SIMD path", "[crypto][bulk]") {
  const auto all_vectors = crypto::testing::load_tac_vectors();
  for (SimdPath path : {SimdPath::portable, SimdPath::avx2}) {
    if (!crypto::simd_path_available(path)) {
      WARN("SIMD path " << crypto::simd_path_name(path) << " not on this CPU: skipped");
      continue;
    }
    for (crypto::Algorithm algorithm : {crypto::Algorithm::triple_des, crypto::Algorithm::sm4}) {
      std::vector<crypto::testing::TacVector> vectors;
      for (const auto& vector : all_vectors) {
        if (vector.algorithm == algorithm) vectors.push_back(vector);
      }
      REQUIRE(!vectors.empty());
      const std::vector<uint32_t> tacs = bulk_tacs(path, algorithm, vectors);
      for (size_t i = 0; i < vectors.size(); ++i) {
        INFO(crypto::simd_path_name(path) << " " << vectors[i].name);
        CHECK(tacs[i] == vectors[i].tac);
      }
    }
  }
}
