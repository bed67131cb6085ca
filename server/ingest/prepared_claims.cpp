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
  if (name.size() <= prefix.size() || name.compare(0, prefix.size(), prefix) != 0) return std::nullopt;
  int64_t batch_key = 0;
  const char* end = name.data() + name.size();
  auto [stop, error] = std::from_chars(name.data() + prefix.size(), end, batch_key);
  if (error != std::errc() || stop != end || batch_key <= 0) return std::nullopt;
  return batch_key;
}

// Waits for the batch's own transaction to end (its lock), then settles the claims by whether the
// batch row exists. The session lock is always given back.
bool resolve_one(pqxx::nontransaction& session, int64_t batch_key) {
  session.exec_params(statements::wait_for_batch, batch_key);
  bool resolved = false;
  try {
    bool batch_committed = !session.exec_params(statements::batch_exists, batch_key).empty();
    resolved = finish_in(session, batch_key, batch_committed);
    if (resolved) {
      spdlog::warn("ingest: abandoned key claims of batch {} {}", batch_key,
                   batch_committed ? "committed (the batch was stored)" : "rolled back (the batch was not stored)");
    }
  } catch (...) {
    session.exec_params(statements::release_batch, batch_key);
    throw;
  }
  session.exec_params(statements::release_batch, batch_key);
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

ClaimPreparation prepare_claims(pqxx::connection& connection, int64_t batch_key,
                                std::span<const ClaimCandidate> sorted_candidates) {
  PGconn* raw = store::raw_connection(connection);
  pqxx::nontransaction session(connection);
  session.exec(statements::begin);
  try {
    store::BinaryCopyWriter claims(raw, statements::copy_claims);
    write_claims(claims, batch_key, sorted_candidates);
  } catch (const store::CopyFailed& failed) {
    session.exec(statements::rollback);
    if (!failed.unique_violation()) throw;
    return ClaimPreparation::key_taken;
  } catch (...) {
    try { session.exec(statements::rollback); } catch (...) {}  // the connection may be gone
    throw;
  }
  try {
    session.exec("PREPARE TRANSACTION '" + claims_transaction_name(batch_key) + "'");
  } catch (const pqxx::sql_error& refused) {
    // Prepared transactions all in use, say: the PREPARE rolled the claims back.
    spdlog::warn("ingest: the key claims of batch {} could not be prepared ({}); claiming beside the records", batch_key,
                 refused.what());
    return ClaimPreparation::refused;
  }
  return ClaimPreparation::prepared;
}

bool finish_prepared_claims(pqxx::connection& connection, int64_t batch_key, bool commit) {
  pqxx::nontransaction session(connection);
  return finish_in(session, batch_key, commit);
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
    spdlog::warn("ingest: the prepared key claims of batch {} could not be rolled back ({}); left for the next ingest "
                 "to resolve", batch_key_, error.what());
  }
}

ClaimPreparation PreparedClaims::prepare(std::span<const ClaimCandidate> sorted_candidates) {
  CITYCLEAR_CHECK(connection_ != nullptr && !pending_, "claims are prepared once, on a claims connection");
  ClaimPreparation result = prepare_claims(*connection_, batch_key_, sorted_candidates);
  pending_ = result == ClaimPreparation::prepared;
  return result;
}

void PreparedClaims::commit_with(pqxx::work& batch_transaction) {
  try {
    batch_transaction.commit();
  } catch (const pqxx::in_doubt_error&) {
    pending_ = false;  // committed or not: resolve_abandoned_claims finds out from the batch row
    throw;
  }
  if (!pending_) return;
  pending_ = false;
  try {
    if (!finish_prepared_claims(*connection_, batch_key_, true)) {
      spdlog::info("ingest: the key claims of batch {} were committed by another process meanwhile", batch_key_);
    }
  } catch (const std::exception& error) {
    // The batch is stored; its claims commit at the next ingest's resolve_abandoned_claims.
    spdlog::warn("ingest: the key claims of batch {} stay prepared ({})", batch_key_, error.what());
  }
}

}  // namespace cityclear::ingest
