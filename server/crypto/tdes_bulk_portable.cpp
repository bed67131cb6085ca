// The bulk 3DES kernel on 64 lanes of plain uint64_t: runs on any CPU.
#include "crypto/portable_lanes.h"
#include "crypto/tdes_bulk_kernel.h"

namespace cityclear::crypto {

void tdes_bulk_tacs_portable(const TdesMasterKey* const* masters,
                             const DiversificationFactor* factors, const TacInput* inputs,
                             uint32_t* tacs, size_t count) {
  bulk_tacs<PortableLanes>(masters, factors, inputs, tacs, count);
}

}  // namespace cityclear::crypto
