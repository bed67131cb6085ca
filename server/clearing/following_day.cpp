#include "clearing/following_day.h"

#include <pqxx/transaction>

#include "clearing/settlement_sql.h"

namespace cityclear::clearing {

void prepare_following_day(pqxx::connection& connection, CivilDate day, int64_t local_seconds_now) {
  CivilDate following = civil_from_days(days_from_civil(day) + 1);
  if (following < date_of_local_seconds(local_seconds_now)) return;
  pqxx::work transaction(connection);
  transaction.exec_params(sql::ensure_day, format_iso_date(following));
  transaction.commit();
}

}  // namespace cityclear::clearing
