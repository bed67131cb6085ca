#include "gen/tb1_parser.h"

#include "common/bcd.h"
#include "common/hex.h"
#include "common/local_time.h"
#include "gen/tb1_format.h"

namespace cityclear::gen {
namespace {

std::optional<uint64_t> decimal_at(std::string_view line, size_t at, size_t width) {
  return parse_decimal(line.substr(at, width));
}

std::optional<uint64_t> hex_at(std::string_view line, size_t at, size_t width) {
  std::string_view field = line.substr(at, width);
  if (!is_hex(field)) return std::nullopt;
  return parse_hex_number(field);
}

bool is_upper_alphanumeric(std::string_view text) {
  for (char c : text) {
    if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z'))) return false;
  }
  return true;
}

}  // namespace

std::optional<Tb1Header> parse_tb1_header(std::string_view line) {
  if (line.size() != tb1_header_length || line.substr(0, 4) != "HTB1") return std::nullopt;
  auto acquirer = decimal_at(line, 24, 8);
  auto created = parse_local_timestamp(line.substr(32, 14));
  auto count = decimal_at(line, 46, 8);
  if (!is_upper_alphanumeric(line.substr(4, 20)) || !acquirer || !created || !count)
    return std::nullopt;
  return Tb1Header{std::string(line.substr(4, 20)), static_cast<uint32_t>(*acquirer), *created,
                   *count};
}

std::optional<Tb1Record> parse_tb1_detail(std::string_view line) {
  if (line.size() != tb1_detail_length || line[0] != 'D') return std::nullopt;
  auto sequence = decimal_at(line, 1, 8);
  auto type = hex_at(line, 9, 2);
  auto issuer = decimal_at(line, 11, 8);
  auto asn_prefix = decimal_at(line, 19, 8);
  auto asn_serial = decimal_at(line, 27, 12);
  auto card_type = decimal_at(line, 39, 2);
  auto counter = decimal_at(line, 41, 5);
  auto balance = decimal_at(line, 46, 10);
  auto amount = decimal_at(line, 56, 10);
  auto terminal = hex_at(line, 66, 12);
  auto serial = hex_at(line, 78, 8);
  auto time = parse_local_timestamp(line.substr(86, 14));
  auto algorithm = hex_at(line, 100, 2);
  auto version = hex_at(line, 102, 2);
  auto tac = hex_at(line, 104, 8);
  char grey = line[112];
  bool fields = sequence && type && issuer && asn_prefix && asn_serial && card_type && counter &&
                balance && amount && terminal && serial && time && algorithm && version && tac &&
                (grey == '0' || grey == '1') && is_upper_alphanumeric(line.substr(113, 8));
  if (!fields || *counter > 65535 || *balance > 4294967295ULL || *amount > 4294967295ULL)
    return std::nullopt;
  if ((*type != 0x06 && *type != 0x09) || (*algorithm != 0x00 && *algorithm != 0x04))
    return std::nullopt;
  Tb1Record record;
  record.sequence = static_cast<uint32_t>(*sequence);
  record.transaction_type = static_cast<uint8_t>(*type);
  record.issuer = static_cast<uint32_t>(*issuer);
  record.asn = Asn{static_cast<uint32_t>(*asn_prefix), *asn_serial};
  record.card_type = static_cast<uint8_t>(*card_type);
  record.counter = static_cast<uint32_t>(*counter);
  record.balance_before = static_cast<uint32_t>(*balance);
  record.amount = static_cast<uint32_t>(*amount);
  record.terminal = *terminal;
  record.terminal_serial = static_cast<uint32_t>(*serial);
  record.local_time = *time;
  record.algorithm = static_cast<uint8_t>(*algorithm);
  record.key_version = static_cast<uint8_t>(*version);
  record.tac = static_cast<uint32_t>(*tac);
  record.grey = grey == '1';
  for (size_t i = 0; i < 8; ++i) record.station[i] = line[113 + i];
  return record;
}

}  // namespace cityclear::gen
