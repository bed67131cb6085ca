// Picks the SM4 bulk kernel for the requested path, falling back to what the CPU can run.
#include "crypto/sm4_bulk.h"

#include "crypto/sm4_kernels.h"

namespace cityclear::crypto {

// Here rather than in sm4_bulk_avx2.cpp: that file is compiled for AVX2, and the check must run
// on any CPU.
bool sm4_avx2_kernel_available(Sm4AesInstruction instruction) {
#if defined(__x86_64__) || defined(__i386__)
  // BMI2 too: the build may compile sm4_bulk_avx2.cpp with -mbmi2 (simd_path.h's avx2 path has it).
  if (!__builtin_cpu_supports("avx2") || !__builtin_cpu_supports("bmi2") ||
      !__builtin_cpu_supports("aes")) {
    return false;
  }
  return instruction == Sm4AesInstruction::aesni_128 || __builtin_cpu_supports("vaes");
#else
  (void)instruction;
  return false;
#endif
}

Sm4AesInstruction sm4_best_aes_instruction() {
  return sm4_avx2_kernel_available(Sm4AesInstruction::vaes_256) ? Sm4AesInstruction::vaes_256
                                                                : Sm4AesInstruction::aesni_128;
}

void sm4_bulk_tacs(SimdPath path, const Sm4MasterKey* const* masters,
                   const DiversificationFactor* factors, const TacInput* inputs, uint32_t* tacs,
                   size_t count) {
  // simd_path_available(avx2) does not promise AES-NI, which the SM4 S-box trick needs too.
  if (path == SimdPath::avx2 && simd_path_available(SimdPath::avx2) &&
      sm4_avx2_kernel_available(Sm4AesInstruction::aesni_128)) {
    sm4_bulk_tacs_avx2(sm4_best_aes_instruction(), masters, factors, inputs, tacs, count);
    return;
  }
  sm4_bulk_tacs_portable(masters, factors, inputs, tacs, count);
}

}  // namespace cityclear::crypto
