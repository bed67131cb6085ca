#include "clearing/day_lock.h"

#include <pqxx/nontransaction>

#include "clearing/settlement_service.h"
#include "clearing/settlement_sql.h"

namespace cityclear::clearing {

DayLock::DayLock(store::ConnectionLease& lease, CivilDate day)
    : lease_(lease), day_number_(days_from_civil(day)) {
  bool locked = false;
  {
    pqxx::nontransaction transaction(*lease_);
    locked = transaction.exec_params1(sql::try_lock_day, day_number_)[0].as<bool>();
  }
  if (!locked)
    throw DayBeingSettled("clearing day " + format_iso_date(day) +
                          " is being settled by another run");
}

DayLock::~DayLock() {
  try {
    pqxx::nontransaction transaction(*lease_);
    transaction.exec_params1(sql::unlock_day, day_number_);
  } catch (...) {
    lease_.discard();
  }
}

}  // namespace cityclear::clearing
