#pragma once
// Bulk TAC verification over a KeyTable: looks up each request's master key, groups the
// requests by algorithm into chunks of a few hundred, runs the bulk kernel of that algorithm
// on one SIMD path, and compares each computed TAC with the claimed one.
#include <span>

#include "crypto/key_table.h"
#include "crypto/simd_path.h"
#include "crypto/tac_request.h"

namespace cityclear::crypto {

class TacVerifier {
 public:
  // Requests per kernel call: a multiple of every kernel's lane count (64, 256).
  static constexpr size_t kChunkSize = 512;

  // The keys must outlive the verifier; the path must be available on this CPU.
  TacVerifier(const KeyTable& keys, SimdPath path);

  // verdicts[i] for requests[i]: unknown_issuer, unknown_key, or ok / mismatch of the claimed
  // TAC. Thread-safe (each thread has its own scratch), no allocation per request.
  void verify(std::span<const TacRequest> requests, std::span<TacVerdict> verdicts) const;

  SimdPath path() const { return path_; }

 private:
  const KeyTable& keys_;
  SimdPath path_;
};

}  // namespace cityclear::crypto
