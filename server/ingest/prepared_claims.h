#pragma once
// The keys of a large batch claimed on a second connection while the first still writes the
// records: the claim is a prepared transaction (two-phase commit), prepared before the batch's
// transaction commits and committed right after it, so that the keys are accepted exactly when
// the batch is. The owner holds a session lock from before BEGIN until after COMMIT PREPARED
// (batch_statements.h), so a live claim is never touched by anyone else. A process or connection
// that dies in between leaves the prepared claims behind without an owner; resolve_abandoned_claims
// (the daemon's timer, and before every large ingest) commits them if their batch committed and
// rolls them back if not, once the batch's transaction has ended. It never waits for a lock.
#include <cstdint>
#include <span>
#include <string>

#include <pqxx/connection>
#include <pqxx/transaction>

#include "ingest/claim_candidates.h"

namespace cityclear::ingest {

// True when the server allows prepared transactions (max_prepared_transactions > 0).
bool prepared_transactions_enabled(pqxx::connection& connection);

std::string claims_transaction_name(int64_t batch_key);

enum class ClaimPreparation {
  prepared,   // the keys are claimed, pending the batch's commit
  key_taken,  // some key was accepted before: the caller takes the slow path
  refused,    // the server would not prepare (all prepared transactions in use): claim beside the
              // records
};

// COPYs the sorted candidates' keys into accepted_card_counter and prepares the transaction;
// unless prepared, nothing is left behind.
ClaimPreparation prepare_claims(pqxx::connection& connection, int64_t batch_key,
                                std::span<const ClaimCandidate> sorted_candidates);

// Commits or rolls back the prepared claims of `batch_key`; false if they were already resolved.
bool finish_prepared_claims(pqxx::connection& connection, int64_t batch_key, bool commit);

// Resolves every abandoned claims transaction of this database; returns how many it resolved.
// Claims whose owner is alive, or whose batch is still in flight, are left alone.
int resolve_abandoned_claims(pqxx::connection& connection);

// One batch's claims on the claims connection: prepared beside the records, committed right after
// the batch's transaction, rolled back (on destruction) if the batch's transaction does not commit.
class PreparedClaims {
 public:
  PreparedClaims(pqxx::connection* connection, int64_t batch_key)
      : connection_(connection), batch_key_(batch_key) {}
  PreparedClaims(const PreparedClaims&) = delete;
  PreparedClaims& operator=(const PreparedClaims&) = delete;
  ~PreparedClaims();

  bool has_connection() const { return connection_ != nullptr; }
  ClaimPreparation prepare(std::span<const ClaimCandidate> sorted_candidates);
  // Commits the batch's transaction, then the claims. If the batch's commit is in doubt (the
  // connection broke), the claims stay prepared for resolve_abandoned_claims.
  void commit_with(pqxx::work& batch_transaction);

 private:
  pqxx::connection* connection_;
  int64_t batch_key_;
  bool pending_ = false;  // prepared, neither committed nor rolled back yet
};

}  // namespace cityclear::ingest
