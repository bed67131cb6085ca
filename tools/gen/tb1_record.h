#pragma once
// One TB1 detail record as numbers (shared/spec/batch-file.md, "Detail"), and the 20-digit ASN.
#include <array>
#include <cstdint>
#include <string>

namespace cityclear::gen {

// A card ASN: 20 decimal digits, kept as its first 8 and last 12 digits.
struct Asn {
  uint32_t prefix = 0;  // first 8 digits (the issuer's code for the generator's cards)
  uint64_t serial = 0;  // last 12 digits
  uint64_t last_16_digits() const {
    return static_cast<uint64_t>(prefix % 10000) * 1000000000000ULL + serial;
  }
  std::string text() const;
  friend auto operator<=>(const Asn&, const Asn&) = default;
};

struct Tb1Record {
  uint32_t sequence = 0;
  uint8_t transaction_type = 0x06;  // 06 purchase, 09 composite purchase
  uint32_t issuer = 0;              // 8-digit institution code
  Asn asn;
  uint8_t card_type = 1;         // 2 decimal digits
  uint32_t counter = 0;          // CTC, 0..65535
  uint32_t balance_before = 0;   // fen
  uint32_t amount = 0;           // fen
  uint64_t terminal = 0;         // 48 bits, 12 hex
  uint32_t terminal_serial = 0;  // TTC, 8 hex
  int64_t local_time = 0;        // transaction time, local seconds
  uint8_t algorithm = 0x00;      // 00 3DES, 04 SM4
  uint8_t key_version = 0x01;
  uint32_t tac = 0;
  bool grey = false;
  std::array<char, 8> station{'0', '0', '0', '0', '0', '0', '0', '0'};
};

}  // namespace cityclear::gen
