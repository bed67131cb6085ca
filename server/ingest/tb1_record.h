#pragma once
// TB1 lines (shared/spec/batch-file.md) parsed into fixed-size values: std::string_view slices
// and std::from_chars, no allocation per record.
#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

#include "crypto/tac_request.h"

namespace cityclear::ingest {

inline constexpr size_t header_line_length = 54;
inline constexpr size_t detail_line_length = 121;
inline constexpr size_t trailer_line_length = 87;

struct BatchHeader {
  std::array<char, 20> batch_id{};
  uint32_t acquirer_code = 0;
  int64_t created_local_seconds = 0;
  int64_t record_count = 0;
  std::string_view batch_id_text() const { return {batch_id.data(), batch_id.size()}; }
};

struct BatchTrailer {
  int64_t record_count = 0;
  int64_t total_amount_fen = 0;
  std::array<uint8_t, 32> file_mac{};
};

struct DetailRecord {
  uint32_t sequence = 0;
  uint8_t transaction_type = 0;  // 0x06 or 0x09
  uint32_t issuer_code = 0;
  std::array<uint8_t, 10> card_asn{};  // packed BCD of the 20 digits
  uint8_t card_type = 0;
  uint32_t card_counter = 0;       // 0..65535
  int64_t balance_before_fen = 0;  // 0..4294967295
  int64_t amount_fen = 0;          // 0..4294967295
  std::array<uint8_t, 6> terminal{};
  uint32_t terminal_serial = 0;
  int64_t transaction_local_seconds = 0;
  std::array<uint8_t, 7>
      transaction_time_bcd{};  // YYYYMMDDhhmmss packed, as the TAC input wants it
  uint8_t algorithm = 0;       // 0x00 or 0x04
  uint8_t key_version = 0;
  uint32_t tac = 0;
  bool grey = false;
  std::array<char, 8> station{};
};

// Where a line broke the format: the field's name and the rule it broke.
struct FieldProblem {
  const char* field = "";
  const char* rule = "";
};

// Each parser takes the line without its LF. On a format problem it returns nullopt and fills
// `problem`.
std::optional<BatchHeader> parse_header_line(std::string_view line, FieldProblem& problem);
std::optional<DetailRecord> parse_detail_line(std::string_view line, FieldProblem& problem);
std::optional<BatchTrailer> parse_trailer_line(std::string_view line, FieldProblem& problem);

// The 22 TAC input bytes and the verification request of a record (crypto.md).
crypto::TacInput tac_input_of(const DetailRecord& record);
crypto::TacRequest tac_request_of(const DetailRecord& record);

// The dedupe key: issuer (4 bytes BCD) | ASN (10 bytes BCD) | counter (2 bytes big-endian).
// Its byte order sorts by issuer, ASN, counter.
std::array<uint8_t, 16> card_key_of(const DetailRecord& record);

}  // namespace cityclear::ingest
