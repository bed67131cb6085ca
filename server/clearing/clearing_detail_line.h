#pragma once
// A CLR1 detail line (clearing.md) built once per record: an inter-city record appears in two
// files, its acquirer's (role A, with the fee) and its issuer's (role I), whose lines differ only
// in role, counterparty and fee; the other fields are written once for both.
#include <array>
#include <cstdint>
#include <string_view>

#include "clearing/clearing_record.h"
#include "clearing/timestamp_field.h"

namespace cityclear::clearing {

class ClearingDetailLine {
 public:
  static constexpr size_t length =
      1 + 1 + 8 + 33 + 2 + 10 + 10 + 14 + 20 + 8 + 12 + 8 + 1;  // LF included

  // Writes the fields every file shares; `record` must outlive the line's use.
  void set_record(const ClearingRecord& record);
  const ClearingRecord& record() const { return *record_; }
  // The whole line for one file.
  std::string_view for_file(char role, uint32_t counterparty_code, int64_t fee_fen);

 private:
  const ClearingRecord* record_ = nullptr;
  std::array<char, length> line_{};
  TimestampField timestamp_field_;
};

}  // namespace cityclear::clearing
