#pragma once
// Step one of settling: a short transaction that creates the day row when absent, takes it
// FOR UPDATE (which waits for every ingest transaction holding it FOR SHARE, so each file lands
// wholly before the close or wholly in a later day) and marks an open day closed.
#include <string>

#include <pqxx/connection>

#include "common/local_time.h"

namespace cityclear::clearing {

enum class DayState { open, closed, settled };

DayState parse_day_state(const std::string& text);

// Returns the state after the call: closed, or settled when the day was settled before.
DayState close_day(pqxx::connection& connection, CivilDate day);

}  // namespace cityclear::clearing
