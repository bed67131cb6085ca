#pragma once
// The human summary of a settled day for the command line: one row per participant (the center
// first) with receivable, payable, fees and net in yuan, and a totals row.
#include <string>

#include "clearing/settlement_service.h"
#include "config/participants.h"

namespace cityclear::clearing {

// Fen as yuan with two decimals, from integers only: -123456 -> "-1234.56".
std::string format_yuan(int64_t amount_fen);

// A fixed-width table ending with LF. Names come from `participants` ("clearing center" for
// 00000000). The totals row adds receivables, payables and the participants' fees (the center's
// income, not counted twice) and the nets of everyone (always 0.00).
std::string format_settlement_report(const SettlementResult& result,
                                     const Participants& participants);

}  // namespace cityclear::clearing
