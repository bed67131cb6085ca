#pragma once
// STL1, the settlement positions of a day (clearing.md): the center first, then by code.
#include <filesystem>
#include <vector>

#include "clearing/day_file_output.h"
#include "clearing/position.h"
#include "clearing/written_file.h"
#include "common/local_time.h"

namespace cityclear::clearing {

// `positions` must balance (center first, nets adding up to zero): asserted.
WrittenFile write_settlement_file(CivilDate day, const std::vector<Position>& positions,
                                  DayFileOutput& output);

}  // namespace cityclear::clearing
