#pragma once
// One participant's settlement position of a day (shared/spec/clearing.md), in fen.
#include <cstdint>

namespace cityclear::clearing {

struct Position {
  uint32_t participant_code = 0;  // 0 is the center
  int64_t receivable_fen = 0;
  int64_t payable_fen = 0;
  int64_t fees_fen = 0;
  int64_t net_fen = 0;
  friend bool operator==(const Position&, const Position&) = default;
};

}  // namespace cityclear::clearing
