// The bulk 3DES kernel on 256 lanes of AVX2. This file alone is compiled with -mavx2 (see
// CMakeLists.txt); tdes_bulk.cpp calls it only after simd_path_available(SimdPath::avx2).
#include "crypto/avx2_lanes.h"
#include "crypto/tdes_bulk_kernel.h"

namespace cityclear::crypto {

void tdes_bulk_tacs_avx2(const TdesMasterKey* const* masters, const DiversificationFactor* factors,
                         const TacInput* inputs, uint32_t* tacs, size_t count) {
  bulk_tacs<Avx2Lanes>(masters, factors, inputs, tacs, count);
}

}  // namespace cityclear::crypto
