#pragma once
// Each acquirer's terminals (metro gates and bus validators): a 12-hex terminal number that opens
// with the city's area code, a station or route code, and the terminal's transaction serial (TTC)
// that grows by one per purchase.
#include <array>
#include <cstdint>
#include <vector>

#include "gen/scheme.h"

namespace cityclear::gen {

struct Terminal {
  uint64_t number = 0;  // 48 bits
  uint32_t next_serial = 0;
  bool bus = false;
  std::array<char, 8> station{};
};

class TerminalFleet {
 public:
  // terminals_per_acquirer[i]: how many terminals participant i has.
  TerminalFleet(const Scheme& scheme, const std::vector<int64_t>& terminals_per_acquirer,
                uint64_t seed);
  size_t size(size_t acquirer_index) const { return fleets_[acquirer_index].size(); }
  Terminal& terminal(size_t acquirer_index, size_t terminal_index) {
    return fleets_[acquirer_index][terminal_index];
  }

 private:
  std::vector<std::vector<Terminal>> fleets_;
};

}  // namespace cityclear::gen
