#pragma once
// One stored purchase record as clearing needs it: the fields of the CLR1 and RJT1 detail lines
// and what decides its money (issuer, acquirer, amount, reason).
#include <array>
#include <cstdint>
#include <span>
#include <string_view>

namespace cityclear::clearing {

inline constexpr size_t card_key_size = 16;  // issuer 4 BCD | ASN 10 BCD | counter 2 big-endian
inline constexpr size_t batch_id_size = 20;
inline constexpr uint8_t accepted_reason = 0;

struct ClearingRecord {
  std::array<uint8_t, card_key_size> card_key{};
  uint32_t issuer_code = 0;
  uint32_t acquirer_code = 0;
  uint8_t reason = 0;            // 0 accepted, else the batch-file.md reason code
  uint8_t transaction_type = 0;  // 0x06 or 0x09
  uint32_t card_counter = 0;     // 0..65535
  int64_t amount_fen = 0;
  int64_t transaction_local_seconds = 0;
  std::array<char, batch_id_size> batch_id{};
  uint32_t sequence = 0;
  uint64_t terminal = 0;         // 6 bytes
  uint32_t terminal_serial = 0;  // 4 bytes

  bool is_inter_city() const { return issuer_code != acquirer_code; }
  std::span<const uint8_t, 10> asn_bcd() const {
    return std::span<const uint8_t, 10>(card_key.data() + 4, 10);
  }
  std::string_view batch_id_text() const { return {batch_id.data(), batch_id.size()}; }
};

// A stream of records in the order a file needs them. Sources are read one after the other,
// never interleaved, so two of them may share one database connection.
class RecordSource {
 public:
  virtual ~RecordSource() = default;
  // Fills `record` with the next one; false at the end.
  virtual bool next(ClearingRecord& record) = 0;
};

}  // namespace cityclear::clearing
