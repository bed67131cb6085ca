#include "gen/tb1_format.h"

#include <cstring>

#include "common/local_time.h"

namespace cityclear::gen {

std::string Asn::text() const {
  std::string out(20, '0');
  put_decimal(out.data(), prefix, 8);
  put_decimal(out.data() + 8, serial, 12);
  return out;
}

void put_decimal(char* out, uint64_t value, size_t width) {
  for (size_t i = width; i-- > 0;) {
    out[i] = static_cast<char>('0' + value % 10);
    value /= 10;
  }
}

void put_hex(char* out, uint64_t value, size_t width) {
  static constexpr char digits[] = "0123456789ABCDEF";
  for (size_t i = width; i-- > 0;) {
    out[i] = digits[value & 0xF];
    value >>= 4;
  }
}

void put_local_timestamp(char* out, int64_t local_seconds) {
  int64_t days = local_seconds >= 0 ? local_seconds / 86400 : (local_seconds - 86399) / 86400;
  int64_t second_of_day = local_seconds - days * 86400;
  CivilDate date = civil_from_days(days);
  put_decimal(out, static_cast<uint64_t>(date.year), 4);
  put_decimal(out + 4, static_cast<uint64_t>(date.month), 2);
  put_decimal(out + 6, static_cast<uint64_t>(date.day), 2);
  put_decimal(out + 8, static_cast<uint64_t>(second_of_day / 3600), 2);
  put_decimal(out + 10, static_cast<uint64_t>(second_of_day / 60 % 60), 2);
  put_decimal(out + 12, static_cast<uint64_t>(second_of_day % 60), 2);
}

std::string tb1_header_line(std::string_view batch_id, uint32_t acquirer, int64_t created,
                            uint64_t record_count) {
  std::string line(tb1_header_length + 1, '0');
  char* out = line.data();
  std::memcpy(out, "HTB1", 4);
  std::memcpy(out + 4, batch_id.data(), 20);
  put_decimal(out + 24, acquirer, 8);
  put_local_timestamp(out + 32, created);
  put_decimal(out + 46, record_count, 8);
  out[54] = '\n';
  return line;
}

void put_tb1_detail_line(const Tb1Record& record, char* out) {
  out[0] = 'D';
  put_decimal(out + 1, record.sequence, 8);
  put_hex(out + 9, record.transaction_type, 2);
  put_decimal(out + 11, record.issuer, 8);
  put_decimal(out + 19, record.asn.prefix, 8);
  put_decimal(out + 27, record.asn.serial, 12);
  put_decimal(out + 39, record.card_type, 2);
  put_decimal(out + 41, record.counter, 5);
  put_decimal(out + 46, record.balance_before, 10);
  put_decimal(out + 56, record.amount, 10);
  put_hex(out + 66, record.terminal, 12);
  put_hex(out + 78, record.terminal_serial, 8);
  put_local_timestamp(out + 86, record.local_time);
  put_hex(out + 100, record.algorithm, 2);
  put_hex(out + 102, record.key_version, 2);
  put_hex(out + 104, record.tac, 8);
  out[112] = record.grey ? '1' : '0';
  std::memcpy(out + 113, record.station.data(), 8);
  out[121] = '\n';
}

std::string tb1_detail_line(const Tb1Record& record) {
  std::string line(tb1_detail_length + 1, '0');
  put_tb1_detail_line(record, line.data());
  return line;
}

std::string tb1_trailer_line(uint64_t record_count, uint64_t total_amount,
                             std::string_view mac_hex) {
  std::string line(tb1_trailer_length + 1, '0');
  char* out = line.data();
  out[0] = 'T';
  put_decimal(out + 1, record_count, 8);
  put_decimal(out + 9, total_amount, 14);
  std::memcpy(out + 23, mac_hex.data(), 64);
  out[87] = '\n';
  return line;
}

}  // namespace cityclear::gen
