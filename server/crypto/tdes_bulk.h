#pragma once
// Bulk 3DES TAC computation (shared/spec/crypto.md), the 3DES twin of sm4_bulk.h: diversify
// each card's key from its issuer's master key and MAC its TAC input, many records at once on
// a bitsliced DES (64 records per pass portable, 256 with AVX2).
#include <cstddef>
#include <cstdint>

#include "crypto/simd_path.h"
#include "crypto/tac_request.h"

namespace cityclear::crypto {

// An issuer's 3DES MTK as the kernel reads it: K1 = MTK[0..7] and K2 = MTK[8..15] as
// big-endian words. Key material: wipe it (OPENSSL_cleanse) when done.
struct TdesMasterKey {
  uint64_t first_key;
  uint64_t second_key;
};

TdesMasterKey tdes_prepare_master_key(const uint8_t key[16]);

// For each i < count: DTK = 3DES_ECB(masters[i], factor) || 3DES_ECB(masters[i], ~factor);
// tacs[i] = first 4 bytes (big-endian) of the last block of the single-DES CBC-MAC, key
// DTK[0..7] ^ DTK[8..15], zero IV, of input || 80 00 (24 bytes). No allocation; thread-safe.
// The path must be available (simd_path_available).
void tdes_bulk_tacs(SimdPath path, const TdesMasterKey* const* masters,
                    const DiversificationFactor* factors, const TacInput* inputs, uint32_t* tacs,
                    size_t count);

// Lanes of one kernel pass on the path (the verifier sizes its chunks as multiples of it).
size_t tdes_bulk_lane_count(SimdPath path);

}  // namespace cityclear::crypto
