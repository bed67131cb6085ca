#pragma once
// Exactly-once acceptance of every (issuer, ASN, counter) across all batches: the candidates of a
// file claim their keys in accepted_card_counter, whose unique key decides between this batch, the
// batches accepted before, and a concurrent upload of the same record (exactly one wins).
#include <cstdint>
#include <span>
#include <vector>

#include <pqxx/transaction>

#include "ingest/claim_candidates.h"
#include "store/binary_copy.h"

namespace cityclear::ingest {

// The rows of statements::copy_claims, one per candidate; finishes the COPY.
void write_claims(store::BinaryCopyWriter& claims, int64_t batch_key,
                  std::span<const ClaimCandidate> sorted_candidates);

// The fast path: one binary COPY of the keys, sorted. Returns false, with the transaction rolled
// back to the caller's savepoint (statements::savepoint_claim), when some key was already taken.
bool copy_claims(pqxx::work& transaction, int64_t batch_key,
                 std::span<const ClaimCandidate> sorted_candidates);

// The slow path, after copy_claims found a taken key: claims what is free with ON CONFLICT DO
// NOTHING and answers the sequences of the candidates that lost (reason 03), ascending.
std::vector<uint32_t> claim_free_keys(pqxx::work& transaction, int64_t batch_key,
                                      std::span<const ClaimCandidate> sorted_candidates);

}  // namespace cityclear::ingest
