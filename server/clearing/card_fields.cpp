#include "clearing/card_fields.h"

#include "clearing/fixed_width.h"
#include "common/bcd.h"

namespace cityclear::clearing {

void write_card_fields(char* out, const ClearingRecord& record) {
  write_decimal_field(out, 8, record.issuer_code);
  unpack_bcd(record.asn_bcd(), out + 8);
  write_decimal_field(out + 28, 5, record.card_counter);
}

}  // namespace cityclear::clearing
