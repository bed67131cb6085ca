#include "ingest/open_day_cache.h"

#include "ingest/clearing_day_assignment.h"

namespace cityclear::ingest {

std::optional<CivilDate> OpenDayCache::cached(CivilDate wanted) const {
  std::lock_guard lock(mutex_);
  auto found = open_day_by_wanted_.find(days_from_civil(wanted));
  if (found == open_day_by_wanted_.end()) return std::nullopt;
  return found->second;
}

CivilDate OpenDayCache::resolve(pqxx::connection& connection, CivilDate wanted) {
  CivilDate day = first_open_day(connection, wanted);
  std::lock_guard lock(mutex_);
  open_day_by_wanted_[days_from_civil(wanted)] = day;
  return day;
}

void OpenDayCache::forget(CivilDate wanted) {
  std::lock_guard lock(mutex_);
  open_day_by_wanted_.erase(days_from_civil(wanted));
}

}  // namespace cityclear::ingest
