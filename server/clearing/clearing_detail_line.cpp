#include "clearing/clearing_detail_line.h"

#include "clearing/card_fields.h"
#include "clearing/fixed_width.h"

namespace cityclear::clearing {

static_assert(ClearingDetailLine::length == 128, "CLR1 detail lines are 127 characters and LF");

void ClearingDetailLine::set_record(const ClearingRecord& record) {
  record_ = &record;
  char* line = line_.data();
  line[0] = 'D';
  write_card_fields(line + 10, record);
  write_hex_field(line + 43, 2, record.transaction_type);
  write_decimal_field(line + 45, 10, static_cast<uint64_t>(record.amount_fen));
  timestamp_field_.write(record.transaction_local_seconds, line + 65);
  write_text_field(line + 79, 20, record.batch_id_text());
  write_decimal_field(line + 99, 8, record.sequence);
  write_hex_field(line + 107, 12, record.terminal);
  write_hex_field(line + 119, 8, record.terminal_serial);
  line[length - 1] = '\n';
}

std::string_view ClearingDetailLine::for_file(char role, uint32_t counterparty_code,
                                              int64_t fee_fen) {
  char* line = line_.data();
  line[1] = role;
  write_decimal_field(line + 2, 8, counterparty_code);
  write_decimal_field(line + 55, 10, static_cast<uint64_t>(fee_fen));
  return std::string_view(line, length);
}

}  // namespace cityclear::clearing
