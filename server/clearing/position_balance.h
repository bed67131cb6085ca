#pragma once
// The double-entry rules a day's positions obey (clearing.md): for each participant
// net = receivable - payable - fees; the center (first) has no receivable or payable, its fees
// are the participants' fees and its net is +fees; receivables equal payables; nets add up to 0.
#include <string>
#include <vector>

#include "clearing/position.h"

namespace cityclear::clearing {

// Empty when the positions obey every rule, else the first rule broken, as one sentence.
std::string position_balance_problem(const std::vector<Position>& positions);

}  // namespace cityclear::clearing
