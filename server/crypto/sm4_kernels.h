#pragma once
// The SM4 bulk TAC kernels behind sm4_bulk_tacs (sm4_bulk.h), one per instruction set, exposed so
// that tests can run each one directly. Same contract as sm4_bulk_tacs.
#include <cstddef>
#include <cstdint>

#include "crypto/sm4_bulk.h"

namespace cityclear::crypto {

// T-tables, several records interleaved; plain C++, runs anywhere.
void sm4_bulk_tacs_portable(const Sm4MasterKey* const* masters,
                            const DiversificationFactor* factors, const TacInput* inputs,
                            uint32_t* tacs, size_t count);

// Which AES instruction computes the GF(2^8) inversion inside the AVX2 kernel: vaesenclast on a
// whole ymm (VAES), or aesenclast on each 128-bit half (AES-NI only, for AVX2 CPUs without VAES).
enum class Sm4AesInstruction : uint8_t { aesni_128, vaes_256 };

// True when the CPU has AVX2, BMI2 and the instruction (runtime check).
bool sm4_avx2_kernel_available(Sm4AesInstruction instruction);
// The fastest AVX2 variant this CPU runs. Precondition: sm4_avx2_kernel_available(aesni_128).
Sm4AesInstruction sm4_best_aes_instruction();

// Precondition: sm4_avx2_kernel_available(instruction).
void sm4_bulk_tacs_avx2(Sm4AesInstruction instruction, const Sm4MasterKey* const* masters,
                        const DiversificationFactor* factors, const TacInput* inputs,
                        uint32_t* tacs, size_t count);

// The vectorised S-box on 32 bytes, for the exhaustive test. Same precondition.
void sm4_sbox_avx2(Sm4AesInstruction instruction, const uint8_t in[32], uint8_t out[32]);

}  // namespace cityclear::crypto
