#pragma once
// After a run is stored, and before the day is marked settled, what was stored is read back in
// the same transaction and compared with what was computed: the positions (which must balance)
// and, per file, the number and total size of its chunks.
#include <vector>

#include "clearing/day_files.h"
#include "clearing/stored_settlement.h"

namespace cityclear::clearing {

// Throws SettlementMismatch naming the first difference.
void check_stored_run(StoredSettlement& stored, const DayFiles& day_files);

}  // namespace cityclear::clearing
