#include "ingest/clearing_day_assignment.h"

#include <pqxx/pqxx>
#include <pqxx/transaction>

#include "ingest/batch_statements.h"

namespace cityclear::ingest {
namespace {

constexpr int max_days_ahead = 366;  // a year of closed days ahead would be a broken calendar

void ensure_day(pqxx::connection& connection, CivilDate day) {
  for (int attempt = 0;; ++attempt) {
    try {
      pqxx::work transaction(connection);
      transaction.exec_params(statements::ensure_day, sql_date(day));
      transaction.commit();
      return;
    } catch (const pqxx::unique_violation&) {
      // Two sessions created the same partition at once: the other one won, which is what we want.
      if (attempt >= 3) throw;
    }
  }
}

}  // namespace

std::string sql_date(CivilDate day) {
  return format_iso_date(day);
}

CivilDate wanted_clearing_day(int64_t received_local_seconds, int64_t cutoff_seconds) {
  int64_t days = days_from_civil(date_of_local_seconds(received_local_seconds));
  int64_t second_of_day = received_local_seconds - days * 86400;
  return civil_from_days(second_of_day >= cutoff_seconds ? days + 1 : days);
}

CivilDate first_open_day(pqxx::connection& connection, CivilDate wanted) {
  int64_t days = days_from_civil(wanted);
  for (int step = 0; step < max_days_ahead; ++step, ++days) {
    CivilDate day = civil_from_days(days);
    ensure_day(connection, day);
    pqxx::read_transaction transaction(connection);
    pqxx::result state = transaction.exec_params(statements::day_state, sql_date(day));
    if (!state.empty() && state[0][0].as<std::string>() == "open") return day;
  }
  throw std::runtime_error("no open clearing day within a year after " + format_date(wanted));
}

bool hold_open_day(pqxx::transaction_base& transaction, CivilDate day) {
  pqxx::result state = transaction.exec_params(statements::lock_open_day, sql_date(day));
  return !state.empty() && state[0][0].as<std::string>() == "open";
}

}  // namespace cityclear::ingest
