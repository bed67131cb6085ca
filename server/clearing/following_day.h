#pragma once
// Closing day D sends late uploads to D+1. Creating a day's record partition takes a lock on the
// record table that waits for every transaction reading it, a settle run included, and queues
// every later ingest statement behind it: an upload that had to create D+1's partition while D is
// being settled would stall all ingest until the run ends. So settle creates D+1 (day row and
// partition, as ingest would) before it starts, unless D+1 lies in the past, where no upload can
// go (ingest routes by the local date of receipt), and an open day row would only linger.
#include <pqxx/connection>

#include "common/local_time.h"

namespace cityclear::clearing {

void prepare_following_day(pqxx::connection& connection, CivilDate day, int64_t local_seconds_now);

}  // namespace cityclear::clearing
