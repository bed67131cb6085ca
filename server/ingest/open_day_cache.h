#pragma once
// Which open clearing day a wanted day maps to, kept in memory: the day changes once a day and a
// close is rare, so uploads need not ask the database each time. The cache is only a guess: every
// ingest transaction still takes its day FOR SHARE and checks it is open (a closed day makes the
// caller forget() it and ask again).
#include <map>
#include <mutex>
#include <optional>

#include <pqxx/connection>

#include "common/local_time.h"

namespace cityclear::ingest {

class OpenDayCache {
 public:
  std::optional<CivilDate> cached(CivilDate wanted) const;
  // Asks the database (first_open_day: creates the day row and partition as needed) and keeps it.
  CivilDate resolve(pqxx::connection& connection, CivilDate wanted);
  // The day `wanted` mapped to was found closed.
  void forget(CivilDate wanted);

 private:
  mutable std::mutex mutex_;
  std::map<int64_t, CivilDate> open_day_by_wanted_;  // days since 1970 -> open day
};

}  // namespace cityclear::ingest
