// Dispatch of the bulk 3DES kernel to the lane width the caller chose.
#include "crypto/tdes_bulk.h"

#include "common/check.h"

namespace cityclear::crypto {

// Defined in tdes_bulk_portable.cpp and tdes_bulk_avx2.cpp.
void tdes_bulk_tacs_portable(const TdesMasterKey* const* masters,
                             const DiversificationFactor* factors, const TacInput* inputs,
                             uint32_t* tacs, size_t count);
void tdes_bulk_tacs_avx2(const TdesMasterKey* const* masters, const DiversificationFactor* factors,
                         const TacInput* inputs, uint32_t* tacs, size_t count);

namespace {

uint64_t load_big_endian_word(const uint8_t* bytes) {
  uint64_t value = 0;
  for (int i = 0; i < 8; ++i) value = (value << 8) | bytes[i];
  return value;
}

}  // namespace

TdesMasterKey tdes_prepare_master_key(const uint8_t key[16]) {
  return {load_big_endian_word(key), load_big_endian_word(key + 8)};
}

size_t tdes_bulk_lane_count(SimdPath path) {
  return path == SimdPath::avx2 ? 256 : 64;
}

void tdes_bulk_tacs(SimdPath path, const TdesMasterKey* const* masters,
                    const DiversificationFactor* factors, const TacInput* inputs, uint32_t* tacs,
                    size_t count) {
  if (path == SimdPath::avx2) {
    // Running AVX2 code on a CPU without it would die on an illegal instruction.
    CITYCLEAR_CHECK(simd_path_available(SimdPath::avx2),
                    "the AVX2 3DES kernel needs a CPU with AVX2");
    tdes_bulk_tacs_avx2(masters, factors, inputs, tacs, count);
    return;
  }
  tdes_bulk_tacs_portable(masters, factors, inputs, tacs, count);
}

}  // namespace cityclear::crypto
