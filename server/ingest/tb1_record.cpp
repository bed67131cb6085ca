#include "ingest/tb1_record.h"

#include <cstring>

#include "common/bcd.h"
#include "common/hex.h"
#include "common/local_time.h"

namespace cityclear::ingest {
namespace {

constexpr int64_t max_unsigned_32 = 4294967295LL;

bool is_upper_alphanumeric(std::string_view text) {
  for (char c : text) {
    if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z'))) return false;
  }
  return true;
}

// Records the first problem and returns false, so a parser reads as a chain of checks.
bool fail(FieldProblem& problem, const char* field, const char* rule) {
  problem.field = field;
  problem.rule = rule;
  return false;
}

bool read_decimal(std::string_view field, int64_t maximum, int64_t& out) {
  auto value = parse_decimal(field);
  if (!value || static_cast<int64_t>(*value) > maximum) return false;
  out = static_cast<int64_t>(*value);
  return true;
}

template <size_t Bytes>
bool read_hex(std::string_view field, std::array<uint8_t, Bytes>& out) {
  return parse_hex_into(field, out);
}

bool read_hex_number(std::string_view field, uint32_t& out) {
  std::array<uint8_t, 4> bytes{};
  if (field.size() == 2) {
    std::array<uint8_t, 1> one{};
    if (!parse_hex_into(field, one)) return false;
    out = one[0];
    return true;
  }
  if (!parse_hex_into(field, bytes)) return false;
  out = (uint32_t{bytes[0]} << 24) | (uint32_t{bytes[1]} << 16) | (uint32_t{bytes[2]} << 8) |
        bytes[3];
  return true;
}

bool parse_detail_identity(std::string_view line, DetailRecord& record, FieldProblem& problem) {
  int64_t number = 0;
  if (!read_decimal(line.substr(1, 8), 99999999, number))
    return fail(problem, "record sequence", "must be 8 decimal digits");
  record.sequence = static_cast<uint32_t>(number);
  uint32_t type = 0;
  if (!read_hex_number(line.substr(9, 2), type) || (type != 0x06 && type != 0x09)) {
    return fail(problem, "transaction type", "must be 06 or 09");
  }
  record.transaction_type = static_cast<uint8_t>(type);
  if (!read_decimal(line.substr(11, 8), 99999999, number))
    return fail(problem, "issuer code", "must be 8 decimal digits");
  record.issuer_code = static_cast<uint32_t>(number);
  std::string_view asn = line.substr(19, 20);
  if (!is_decimal(asn)) return fail(problem, "card ASN", "must be 20 decimal digits");
  pack_bcd(asn, record.card_asn);
  if (!read_decimal(line.substr(39, 2), 99, number))
    return fail(problem, "card type", "must be 2 decimal digits");
  record.card_type = static_cast<uint8_t>(number);
  if (!read_decimal(line.substr(41, 5), 65535, number))
    return fail(problem, "card counter", "must be decimal, 0 to 65535");
  record.card_counter = static_cast<uint32_t>(number);
  return true;
}

bool parse_detail_money(std::string_view line, DetailRecord& record, FieldProblem& problem) {
  if (!read_decimal(line.substr(46, 10), max_unsigned_32, record.balance_before_fen)) {
    return fail(problem, "balance before", "must be decimal fen, at most 4294967295");
  }
  if (!read_decimal(line.substr(56, 10), max_unsigned_32, record.amount_fen)) {
    return fail(problem, "amount", "must be decimal fen, at most 4294967295");
  }
  if (!read_hex(line.substr(66, 12), record.terminal))
    return fail(problem, "terminal number", "must be 12 hex digits");
  if (!read_hex_number(line.substr(78, 8), record.terminal_serial)) {
    return fail(problem, "terminal serial", "must be 8 hex digits");
  }
  auto time = parse_local_timestamp(line.substr(86, 14));
  if (!time) return fail(problem, "transaction time", "must be a valid YYYYMMDDhhmmss");
  record.transaction_local_seconds = *time;
  pack_bcd(line.substr(86, 14), record.transaction_time_bcd);
  return true;
}

bool parse_detail_security(std::string_view line, DetailRecord& record, FieldProblem& problem) {
  uint32_t value = 0;
  if (!read_hex_number(line.substr(100, 2), value) || (value != 0x00 && value != 0x04)) {
    return fail(problem, "algorithm", "must be 00 or 04");
  }
  record.algorithm = static_cast<uint8_t>(value);
  if (!read_hex_number(line.substr(102, 2), value))
    return fail(problem, "key version", "must be 2 hex digits");
  record.key_version = static_cast<uint8_t>(value);
  if (!read_hex_number(line.substr(104, 8), record.tac))
    return fail(problem, "TAC", "must be 8 hex digits");
  char grey = line[112];
  if (grey != '0' && grey != '1') return fail(problem, "grey flag", "must be 0 or 1");
  record.grey = grey == '1';
  std::string_view station = line.substr(113, 8);
  if (!is_upper_alphanumeric(station))
    return fail(problem, "station", "must be 8 characters of [0-9A-Z]");
  std::memcpy(record.station.data(), station.data(), 8);
  return true;
}

}  // namespace

std::optional<BatchHeader> parse_header_line(std::string_view line, FieldProblem& problem) {
  BatchHeader header;
  if (line.size() != header_line_length)
    return fail(problem, "header", "must be 54 characters"), std::nullopt;
  if (line[0] != 'H')
    return fail(problem, "record type", "the first line must be a header (H)"), std::nullopt;
  if (line.substr(1, 3) != "TB1") return fail(problem, "format", "must be TB1"), std::nullopt;
  std::string_view batch_id = line.substr(4, 20);
  if (!is_upper_alphanumeric(batch_id))
    return fail(problem, "batch id", "must be 20 characters of [0-9A-Z]"), std::nullopt;
  std::memcpy(header.batch_id.data(), batch_id.data(), 20);
  int64_t number = 0;
  if (!read_decimal(line.substr(24, 8), 99999999, number)) {
    return fail(problem, "acquirer code", "must be 8 decimal digits"), std::nullopt;
  }
  header.acquirer_code = static_cast<uint32_t>(number);
  auto created = parse_local_timestamp(line.substr(32, 14));
  if (!created) return fail(problem, "created", "must be a valid YYYYMMDDhhmmss"), std::nullopt;
  header.created_local_seconds = *created;
  if (!read_decimal(line.substr(46, 8), 99999999, header.record_count)) {
    return fail(problem, "record count", "must be 8 decimal digits"), std::nullopt;
  }
  return header;
}

std::optional<DetailRecord> parse_detail_line(std::string_view line, FieldProblem& problem) {
  DetailRecord record;
  if (line.size() != detail_line_length)
    return fail(problem, "detail", "must be 121 characters"), std::nullopt;
  if (line[0] != 'D') return fail(problem, "record type", "must be D"), std::nullopt;
  if (!parse_detail_identity(line, record, problem) || !parse_detail_money(line, record, problem) ||
      !parse_detail_security(line, record, problem)) {
    return std::nullopt;
  }
  return record;
}

std::optional<BatchTrailer> parse_trailer_line(std::string_view line, FieldProblem& problem) {
  BatchTrailer trailer;
  if (line.size() != trailer_line_length)
    return fail(problem, "trailer", "must be 87 characters"), std::nullopt;
  if (line[0] != 'T')
    return fail(problem, "record type", "the last line must be a trailer (T)"), std::nullopt;
  if (!read_decimal(line.substr(1, 8), 99999999, trailer.record_count)) {
    return fail(problem, "record count", "must be 8 decimal digits"), std::nullopt;
  }
  if (!read_decimal(line.substr(9, 14), 99999999999999LL, trailer.total_amount_fen)) {
    return fail(problem, "total amount", "must be 14 decimal digits"), std::nullopt;
  }
  if (!parse_hex_into(line.substr(23, 64), trailer.file_mac)) {
    return fail(problem, "file MAC", "must be 64 hex digits"), std::nullopt;
  }
  return trailer;
}

crypto::TacInput tac_input_of(const DetailRecord& record) {
  crypto::TacInput input{};
  uint32_t amount = static_cast<uint32_t>(record.amount_fen);
  input[0] = static_cast<uint8_t>(amount >> 24);
  input[1] = static_cast<uint8_t>(amount >> 16);
  input[2] = static_cast<uint8_t>(amount >> 8);
  input[3] = static_cast<uint8_t>(amount);
  input[4] = record.transaction_type;
  std::memcpy(&input[5], record.terminal.data(), 6);
  input[11] = static_cast<uint8_t>(record.terminal_serial >> 24);
  input[12] = static_cast<uint8_t>(record.terminal_serial >> 16);
  input[13] = static_cast<uint8_t>(record.terminal_serial >> 8);
  input[14] = static_cast<uint8_t>(record.terminal_serial);
  std::memcpy(&input[15], record.transaction_time_bcd.data(), 7);
  return input;
}

crypto::TacRequest tac_request_of(const DetailRecord& record) {
  crypto::TacRequest request;
  request.key = {record.issuer_code, record.key_version, record.algorithm};
  std::memcpy(request.factor.data(), &record.card_asn[2], 8);
  request.input = tac_input_of(record);
  request.claimed_tac = record.tac;
  return request;
}

std::array<uint8_t, 16> card_key_of(const DetailRecord& record) {
  std::array<uint8_t, 16> key{};
  auto issuer = bcd_of_number<4>(record.issuer_code);
  std::memcpy(key.data(), issuer.data(), 4);
  std::memcpy(key.data() + 4, record.card_asn.data(), 10);
  key[14] = static_cast<uint8_t>(record.card_counter >> 8);
  key[15] = static_cast<uint8_t>(record.card_counter);
  return key;
}

}  // namespace cityclear::ingest
