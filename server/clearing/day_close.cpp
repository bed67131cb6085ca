#include "clearing/day_close.h"

#include <pqxx/transaction>

#include "clearing/settlement_sql.h"
#include "common/check.h"

namespace cityclear::clearing {

DayState parse_day_state(const std::string& text) {
  if (text == "open") return DayState::open;
  if (text == "closed") return DayState::closed;
  CITYCLEAR_CHECK(text == "settled", "unknown clearing day state");
  return DayState::settled;
}

DayState close_day(pqxx::connection& connection, CivilDate day) {
  std::string day_text = format_iso_date(day);
  pqxx::work transaction(connection);
  transaction.exec_params0(sql::insert_day, day_text);
  DayState state =
      parse_day_state(transaction.exec_params1(sql::lock_day_row, day_text)[0].as<std::string>());
  if (state == DayState::open) {
    transaction.exec_params0(sql::close_day, day_text);
    state = DayState::closed;
  }
  transaction.commit();
  return state;
}

}  // namespace cityclear::clearing
