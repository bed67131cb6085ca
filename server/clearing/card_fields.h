#pragma once
// The card identity fields shared by CLR1 and RJT1 detail lines: issuer (8), ASN (20), counter (5).
#include "clearing/clearing_record.h"

namespace cityclear::clearing {

inline constexpr int card_fields_width = 8 + 20 + 5;

// Writes card_fields_width characters.
void write_card_fields(char* out, const ClearingRecord& record);

}  // namespace cityclear::clearing
