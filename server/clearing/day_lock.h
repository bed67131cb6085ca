#pragma once
// The guard that keeps two settle runs of one day from overlapping, across processes (two
// daemons, a daemon and the command line): a PostgreSQL session advisory lock on the day, held
// on the run's connection from before the close to after the files are published. A crashed
// process loses its session and with it the lock.
#include <cstdint>

#include "common/local_time.h"
#include "store/connection_pool.h"

namespace cityclear::clearing {

class DayLock {
 public:
  // Takes the lock or throws DayBeingSettled at once.
  DayLock(store::ConnectionLease& lease, CivilDate day);
  DayLock(const DayLock&) = delete;
  DayLock& operator=(const DayLock&) = delete;
  // Releases the lock; when that fails the connection is discarded (closing it releases the lock).
  ~DayLock();

 private:
  store::ConnectionLease& lease_;
  int64_t day_number_;
};

}  // namespace cityclear::clearing
