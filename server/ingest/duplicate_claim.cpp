#include "ingest/duplicate_claim.h"

#include <pqxx/pqxx>

#include "common/check.h"
#include "ingest/batch_statements.h"
#include "store/binary_copy.h"

namespace cityclear::ingest {

void write_claims(store::BinaryCopyWriter& claims, int64_t batch_key,
                  std::span<const ClaimCandidate> sorted_candidates) {
  for (const ClaimCandidate& candidate : sorted_candidates) {
    claims.begin_row(3);
    claims.add_uuid(candidate.key);
    claims.add_int64(batch_key);
    claims.add_int32(static_cast<int32_t>(candidate.sequence));
  }
  CITYCLEAR_CHECK(claims.finish() == sorted_candidates.size(), "every candidate was claimed once");
}

bool copy_claims(pqxx::work& transaction, int64_t batch_key,
                 std::span<const ClaimCandidate> sorted_candidates) {
  try {
    store::BinaryCopyWriter claims(transaction, statements::copy_claims);
    write_claims(claims, batch_key, sorted_candidates);
  } catch (const store::CopyFailed& failed) {
    if (!failed.unique_violation()) throw;
    transaction.exec(statements::rollback_claim);
    return false;
  }
  return true;
}

std::vector<uint32_t> claim_free_keys(pqxx::work& transaction, int64_t batch_key,
                                      std::span<const ClaimCandidate> sorted_candidates) {
  transaction.exec(statements::create_candidates);
  {
    store::BinaryCopyWriter candidates(transaction, statements::copy_candidates);
    for (const ClaimCandidate& candidate : sorted_candidates) {
      candidates.begin_row(2);
      candidates.add_uuid(candidate.key);
      candidates.add_int32(static_cast<int32_t>(candidate.sequence));
    }
    candidates.finish();
  }
  std::vector<uint32_t> losers;
  for (const auto& row : transaction.exec_params(statements::claim_candidates, batch_key)) {
    losers.push_back(row[0].as<uint32_t>());
  }
  return losers;
}

}  // namespace cityclear::ingest
