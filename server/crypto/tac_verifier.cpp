#include "crypto/tac_verifier.h"

#include <memory>

#include "common/check.h"
#include "crypto/sm4_bulk.h"
#include "crypto/tdes_bulk.h"

namespace cityclear::crypto {
namespace {

// Requests of one algorithm waiting for a kernel call, laid out as the kernels take them.
template <class MasterKey>
struct PendingChunk {
  const MasterKey* masters[TacVerifier::kChunkSize];
  DiversificationFactor factors[TacVerifier::kChunkSize];
  TacInput inputs[TacVerifier::kChunkSize];
  uint32_t claimed_tacs[TacVerifier::kChunkSize];
  size_t request_indexes[TacVerifier::kChunkSize];
  uint32_t tacs[TacVerifier::kChunkSize];
  size_t count = 0;

  // True when the chunk is full after adding.
  bool add(const MasterKey* master, const TacRequest& request, size_t request_index) {
    masters[count] = master;
    factors[count] = request.factor;
    inputs[count] = request.input;
    claimed_tacs[count] = request.claimed_tac;
    request_indexes[count] = request_index;
    return ++count == TacVerifier::kChunkSize;
  }

  void write_verdicts(std::span<TacVerdict> verdicts) {
    for (size_t i = 0; i < count; ++i) {
      verdicts[request_indexes[i]] =
          tacs[i] == claimed_tacs[i] ? TacVerdict::ok : TacVerdict::mismatch;
    }
    count = 0;
  }
};

struct VerifierScratch {
  PendingChunk<TdesMasterKey> triple_des;
  PendingChunk<Sm4MasterKey> sm4;
};

// About 50 KB per thread that verifies, allocated on its first call: too big for the stack of
// a coroutine or a small worker thread, and not worth a static TLS slot in every thread.
VerifierScratch& thread_scratch() {
  thread_local std::unique_ptr<VerifierScratch> scratch = std::make_unique<VerifierScratch>();
  return *scratch;
}

void flush(SimdPath path, PendingChunk<TdesMasterKey>& chunk, std::span<TacVerdict> verdicts) {
  if (chunk.count == 0) return;
  tdes_bulk_tacs(path, chunk.masters, chunk.factors, chunk.inputs, chunk.tacs, chunk.count);
  chunk.write_verdicts(verdicts);
}

void flush(SimdPath path, PendingChunk<Sm4MasterKey>& chunk, std::span<TacVerdict> verdicts) {
  if (chunk.count == 0) return;
  sm4_bulk_tacs(path, chunk.masters, chunk.factors, chunk.inputs, chunk.tacs, chunk.count);
  chunk.write_verdicts(verdicts);
}

}  // namespace

TacVerifier::TacVerifier(const KeyTable& keys, SimdPath path) : keys_(keys), path_(path) {
  CITYCLEAR_CHECK(simd_path_available(path), "TAC verifier asked for a SIMD path this CPU lacks");
}

void TacVerifier::verify(std::span<const TacRequest> requests,
                         std::span<TacVerdict> verdicts) const {
  CITYCLEAR_CHECK(verdicts.size() == requests.size(), "one verdict per TAC request");
  VerifierScratch& scratch = thread_scratch();
  scratch.triple_des.count = 0;
  scratch.sm4.count = 0;
  // Records of one batch mostly share a few keys: remembering the last one saves most lookups.
  const MasterKeyEntry* entry = nullptr;
  KeyId entry_id{};
  bool looked_up = false;
  for (size_t i = 0; i < requests.size(); ++i) {
    const TacRequest& request = requests[i];
    if (!looked_up || !(request.key == entry_id)) {
      entry = keys_.find_master_key(request.key);
      entry_id = request.key;
      looked_up = true;
    }
    if (entry == nullptr) {
      verdicts[i] = keys_.knows_issuer(request.key.issuer_code) ? TacVerdict::unknown_key
                                                                : TacVerdict::unknown_issuer;
    } else if (entry->algorithm == Algorithm::triple_des) {
      if (scratch.triple_des.add(&entry->tdes, request, i))
        flush(path_, scratch.triple_des, verdicts);
    } else {
      if (scratch.sm4.add(&entry->sm4, request, i)) flush(path_, scratch.sm4, verdicts);
    }
  }
  flush(path_, scratch.triple_des, verdicts);
  flush(path_, scratch.sm4, verdicts);
}

}  // namespace cityclear::crypto
