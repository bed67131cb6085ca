#pragma once
// The obviously-correct scalar TAC path on OpenSSL (shared/spec/crypto.md): one record at a time,
// DES/3DES through OpenSSL's DES_* functions and SM4 through EVP. It is the oracle the bulk
// kernels are tested against and the per-record baseline the benchmark compares them with.
#include <cstdint>

#include "crypto/key_provider.h"
#include "crypto/tac_request.h"

namespace cityclear::crypto::reference {

void des_encrypt_block(const uint8_t key[8], const uint8_t in[8], uint8_t out[8]);
// Two-key 3DES EDE: K1 = key[0..7], K2 = key[8..15], K3 = K1.
void tdes_encrypt_block(const uint8_t key[16], const uint8_t in[8], uint8_t out[8]);
void sm4_encrypt_block(const uint8_t key[16], const uint8_t in[16], uint8_t out[16]);

// DTK of a card from its issuer's master key. The algorithm must be triple_des or sm4.
CardKey derive_card_key(Algorithm algorithm, const uint8_t master_key[16],
                        const DiversificationFactor& factor);
// TAC (the 4 bytes big-endian) that a card with key DTK computes over the input.
uint32_t card_tac(Algorithm algorithm, const CardKey& card_key, const TacInput& input);
// derive_card_key then card_tac.
uint32_t compute_tac(Algorithm algorithm, const uint8_t master_key[16],
                     const DiversificationFactor& factor, const TacInput& input);

}  // namespace cityclear::crypto::reference
