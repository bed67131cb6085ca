#include "ingest/prepared_claims.h"

#include <charconv>
#include <optional>

#include <pqxx/pqxx>
#include <spdlog/spdlog.h>

#include "common/check.h"
#include "ingest/batch_statements.h"
#include "ingest/duplicate_claim.h"
#include "store/binary_copy.h"

namespace cityclear::ingest {
namespace {

constexpr const char* undefined_object = "42704";  // no prepared transaction of that name

// COMMIT PREPARED or ROLLBACK PREPARED outside any transaction block; false when no such name.
bool finish_in(pqxx::transaction_base& session, int64_t batch_key, bool commit) {
  std::string statement = std::string(commit ? "COMMIT PREPARED '" : "ROLLBACK PREPARED '") +
                          claims_transaction_name(batch_key) + "'";
  try {
    session.exec(statement);
    return true;
  } catch (const pqxx::sql_error& error) {
    if (error.sqlstate() == undefined_object) return false;
    throw;
  }
}

std::optional<int64_t> batch_key_of(const std::string& name) {
  std::string_view prefix = statements::claims_transaction_prefix;
  if (name.size() <= prefix.size() || name.compare(0, prefix.size(), prefix) != 0)
    return std::nullopt;
  int64_t batch_key = 0;
  const char* end = name.data() + name.size();
  auto [stop, error] = std::from_chars(name.data() + prefix.size(), end, batch_key);
  if (error != std::errc() || stop != end || batch_key <= 0) return std::nullopt;
  return batch_key;
}

bool try_lock(pqxx::transaction_base& session, const char* statement, int64_t batch_key) {
  return session.exec_params(statement, batch_key)[0][0].as<bool>();
}

// Settles abandoned claims by whether their batch row exists, once both locks are free: the
// owner's (a live owner is left alone) and the batch's (a batch still in flight is left for the
// next round). The locks taken are always given back.
bool resolve_one(pqxx::nontransaction& session, int64_t batch_key) {
  if (!try_lock(session, statements::try_claims_owner, batch_key)) return false;
  bool resolved = false;
  try {
    if (try_lock(session, statements::try_batch_lock, batch_key)) {
      try {
        bool batch_committed = !session.exec_params(statements::batch_exists, batch_key).empty();
        resolved = finish_in(session, batch_key, batch_committed);
        if (resolved) {
          spdlog::warn("ingest: abandoned key claims of batch {} {}", batch_key,
                       batch_committed ? "committed (the batch was stored)"
                                       : "rolled back (the batch was not stored)");
        }
      } catch (...) {
        session.exec_params(statements::release_batch, batch_key);
        throw;
      }
      session.exec_params(statements::release_batch, batch_key);
    }
  } catch (...) {
    session.exec_params(statements::release_claims_owner, batch_key);
    throw;
  }
  session.exec_params(statements::release_claims_owner, batch_key);
  return resolved;
}

}  // namespace

bool prepared_transactions_enabled(pqxx::connection& connection) {
  pqxx::read_transaction transaction(connection);
  return transaction.exec(statements::max_prepared_transactions)[0][0].as<int>() > 0;
}

std::string claims_transaction_name(int64_t batch_key) {
  CITYCLEAR_CHECK(batch_key > 0, "a batch key is positive");
  return std::string(statements::claims_transaction_prefix) + std::to_string(batch_key);
}

// Inside a BEGIN already sent: the claims COPYed and the transaction prepared.
ClaimPreparation copy_and_prepare(pqxx::nontransaction& session, PGconn* raw, int64_t batch_key,
                                  std::span<const ClaimCandidate> sorted_candidates) {
  try {
    store::BinaryCopyWriter claims(raw, statements::copy_claims);
    write_claims(claims, batch_key, sorted_candidates);
  } catch (const store::CopyFailed& failed) {
    session.exec(statements::rollback);
    if (!failed.unique_violation()) throw;
    return ClaimPreparation::key_taken;
  } catch (...) {
    try {
      session.exec(statements::rollback);
    } catch (...) {
    }  // the connection may be gone
    throw;
  }
  try {
    session.exec("PREPARE TRANSACTION '" + claims_transaction_name(batch_key) + "'");
  } catch (const pqxx::sql_error& refused) {
    // Prepared transactions all in use, say: the PREPARE rolled the claims back.
    spdlog::warn(
        "ingest: the key claims of batch {} could not be prepared ({}); claiming them with the "
        "records",
        batch_key, refused.what());
    return ClaimPreparation::refused;
  }
  return ClaimPreparation::prepared;
}

ClaimPreparation prepare_claims(pqxx::connection& connection, int64_t batch_key,
                                std::span<const ClaimCandidate> sorted_candidates) {
  PGconn* raw = store::raw_connection(connection);
  pqxx::nontransaction session(connection);
  session.exec_params(statements::lock_claims_owner,
                      batch_key);  // held until the claims are finished
  session.exec(statements::begin);
  ClaimPreparation result = copy_and_prepare(session, raw, batch_key, sorted_candidates);
  if (result != ClaimPreparation::prepared)
    session.exec_params(statements::release_claims_owner, batch_key);
  return result;
}

bool finish_prepared_claims(pqxx::connection& connection, int64_t batch_key, bool commit) {
  pqxx::nontransaction session(connection);
  bool finished = finish_in(session, batch_key, commit);
  session.exec_params(statements::release_claims_owner, batch_key);
  return finished;
}

int resolve_abandoned_claims(pqxx::connection& connection) {
  pqxx::nontransaction session(connection);
  int resolved = 0;
  for (const auto& row : session.exec(statements::prepared_claims)) {
    std::string name = row[0].as<std::string>();
    std::optional<int64_t> batch_key = batch_key_of(name);
    if (!batch_key) {
      spdlog::warn("ingest: prepared transaction {} is not one of ours; left alone", name);
      continue;
    }
    if (resolve_one(session, *batch_key)) ++resolved;
  }
  return resolved;
}

PreparedClaims::~PreparedClaims() {
  if (!pending_) return;
  try {
    finish_prepared_claims(*connection_, batch_key_, false);
  } catch (const std::exception& error) {
    // Closing the connection ends the owner's lock: the resolver then rolls the claims back.
    spdlog::warn(
        "ingest: the prepared key claims of batch {} could not be rolled back ({}); left for the "
        "resolver",
        batch_key_, error.what());
    connection_->disconnect();
  }
}

ClaimPreparation PreparedClaims::prepare(std::span<const ClaimCandidate> sorted_candidates) {
  CITYCLEAR_CHECK(connection_ != nullptr && !pending_,
                  "claims are prepared once, on a claims connection");
  ClaimPreparation result = prepare_claims(*connection_, batch_key_, sorted_candidates);
  pending_ = result == ClaimPreparation::prepared;
  return result;
}

void PreparedClaims::commit_with(pqxx::work& batch_transaction) {
  try {
    batch_transaction.commit();
  } catch (const pqxx::in_doubt_error&) {
    pending_ = false;           // committed or not: the resolver finds out from the batch row
    connection_->disconnect();  // ends the owner's lock
    throw;
  }
  if (!pending_) return;
  pending_ = false;
  try {
    if (!finish_prepared_claims(*connection_, batch_key_, true)) {
      spdlog::info("ingest: the key claims of batch {} were committed by another process meanwhile",
                   batch_key_);
    }
  } catch (const std::exception& error) {
    // The batch is stored; closing the connection ends the owner's lock, and the resolver commits
    // the claims (the batch row exists).
    spdlog::warn("ingest: the key claims of batch {} stay prepared ({}); left for the resolver",
                 batch_key_, error.what());
    connection_->disconnect();
  }
}

}  // namespace cityclear::ingest
