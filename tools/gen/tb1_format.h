#pragma once
// Fixed-width text of TB1 lines (shared/spec/batch-file.md). Every writer puts exactly the
// field widths of the spec; decimal zero-padded on the left, hex uppercase; lines end in LF.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "gen/tb1_record.h"

namespace cityclear::gen {

inline constexpr size_t tb1_header_length = 54;  // without the LF
inline constexpr size_t tb1_detail_length = 121;
inline constexpr size_t tb1_trailer_length = 87;

// Writes `width` decimal digits of value (the caller guarantees it fits), zero-padded.
void put_decimal(char* out, uint64_t value, size_t width);
// Writes `width` uppercase hex digits of value (low bits), zero-padded.
void put_hex(char* out, uint64_t value, size_t width);

// Writes 14 characters YYYYMMDDhhmmss of local seconds (no snprintf: it is on the hot path).
void put_local_timestamp(char* out, int64_t local_seconds);

// Header, 54 characters + LF:
//   H | TB1 | batch id (20, [0-9A-Z]) | acquirer (8) | created YYYYMMDDhhmmss (14) | count (8)
std::string tb1_header_line(std::string_view batch_id, uint32_t acquirer, int64_t created,
                            uint64_t record_count);

// Detail, 121 characters + LF, written to out[0..122):
//   D | sequence (8) | tx type (2 hex) | issuer (8) | ASN (20) | card type (2) | CTC (5) |
//   balance before (10) | amount (10) | terminal (12 hex) | TTC (8 hex) | time (14) |
//   algorithm (2 hex) | key version (2 hex) | TAC (8 hex) | grey (1) | station (8)
void put_tb1_detail_line(const Tb1Record& record, char* out);
std::string tb1_detail_line(const Tb1Record& record);

// Trailer, 87 characters + LF: T | count (8) | total amount fen (14) | MAC (64 hex)
std::string tb1_trailer_line(uint64_t record_count, uint64_t total_amount,
                             std::string_view mac_hex);

// An 8-digit institution code as text ("31000001").
inline std::string code_text(uint32_t code) {
  std::string text(8, '0');
  put_decimal(text.data(), code, 8);
  return text;
}

}  // namespace cityclear::gen
