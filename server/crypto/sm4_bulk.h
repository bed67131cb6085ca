#pragma once
// SM4 (GB/T 32907) for TAC verification (shared/spec/crypto.md): the scalar block cipher for
// single records and vectors, and the bulk kernel that computes many SM4 TACs at once.
//
// Per record the bulk kernel does one SM4 block with the issuer's prepared master key (card key
// diversification), a full key expansion of the resulting card key DTK, and two SM4 blocks of
// CBC-MAC. Every lane has its own master key and its own DTK.
#include <cstddef>
#include <cstdint>

#include "crypto/simd_path.h"
#include "crypto/tac_request.h"

namespace cityclear::crypto {

// An expanded issuer TAC master key: the 32 SM4 round keys, computed once per issuer key.
struct Sm4MasterKey {
  uint32_t round_keys[32];
};

Sm4MasterKey sm4_prepare_master_key(const uint8_t key[16]);

// One SM4 block, scalar, straight from the standard. For vectors, tests and single records.
void sm4_encrypt_block(const uint8_t key[16], const uint8_t in[16], uint8_t out[16]);

// For each i < count:
//   DTK     = SM4_ECB(masters[i], factors[i] || ~factors[i])
//   tacs[i] = first 4 bytes, big-endian, of the last block of the CBC-MAC with key DTK over
//             inputs[i] || 80 || 00*9 (two blocks), zero IV.
// No allocation; count may be anything, including 0. A path the CPU cannot run falls back to the
// fastest one it can (so the result never depends on the path, only the speed does).
void sm4_bulk_tacs(SimdPath path, const Sm4MasterKey* const* masters,
                   const DiversificationFactor* factors, const TacInput* inputs, uint32_t* tacs,
                   size_t count);

}  // namespace cityclear::crypto
