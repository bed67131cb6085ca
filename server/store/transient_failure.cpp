#include "store/transient_failure.h"

#include <pqxx/except>

#include "store/binary_copy.h"
#include "store/database_error.h"

namespace cityclear::store {
namespace {

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

FailureKind of_sqlstate(const std::string& sqlstate) {
  if (starts_with(sqlstate, "08")) return FailureKind::connection_lost;
  if (sqlstate == "57P01" || sqlstate == "57P02" || sqlstate == "57P03")
    return FailureKind::connection_lost;
  return is_transient_sqlstate(sqlstate) ? FailureKind::transient : FailureKind::permanent;
}

}  // namespace

bool is_transient_sqlstate(std::string_view sqlstate) {
  return starts_with(sqlstate, "08") || starts_with(sqlstate, "53") || sqlstate == "40001" ||
         sqlstate == "40P01" || sqlstate == "55P03" || sqlstate == "57014" || sqlstate == "57P01" ||
         sqlstate == "57P02" || sqlstate == "57P03";
}

FailureKind classify_failure(const std::exception& error) {
  if (dynamic_cast<const pqxx::in_doubt_error*>(&error)) return FailureKind::in_doubt;
  if (dynamic_cast<const pqxx::broken_connection*>(&error)) return FailureKind::connection_lost;
  if (dynamic_cast<const DatabaseUnavailable*>(&error)) return FailureKind::connection_lost;
  if (dynamic_cast<const PoolExhausted*>(&error)) return FailureKind::transient;
  if (dynamic_cast<const TransientDatabaseError*>(&error)) return FailureKind::transient;
  // libpqxx 6.4 keeps these outside sql_error, without their SQLSTATE.
  if (dynamic_cast<const pqxx::statement_completion_unknown*>(&error)) return FailureKind::in_doubt;
  if (dynamic_cast<const pqxx::transaction_rollback*>(&error)) return FailureKind::transient;
  if (const auto* sql = dynamic_cast<const pqxx::sql_error*>(&error))
    return of_sqlstate(sql->sqlstate());
  if (const auto* copy = dynamic_cast<const CopyFailed*>(&error))
    return of_sqlstate(copy->sqlstate());
  return FailureKind::permanent;
}

FailureKind classify_failure(std::exception_ptr error) {
  try {
    std::rethrow_exception(error);
  } catch (const std::exception& caught) {
    return classify_failure(caught);
  } catch (...) {
    return FailureKind::permanent;
  }
}

std::string failure_sentence(const std::exception& error) {
  return one_sentence(error.what());
}

std::exception_ptr retries_used_up(const std::exception& error, FailureKind kind) {
  std::string sentence = failure_sentence(error);
  if (kind == FailureKind::transient) {
    return std::make_exception_ptr(TransientDatabaseError("the database stayed busy: " + sentence));
  }
  return std::make_exception_ptr(
      DatabaseUnavailable("the database connection failed: " + sentence));
}

}  // namespace cityclear::store
