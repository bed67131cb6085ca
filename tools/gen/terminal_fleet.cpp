#include "gen/terminal_fleet.h"

#include <cstdio>
#include <cstring>

#include "gen/rng.h"

namespace cityclear::gen {
namespace {

// The area code's four decimal digits read as four hex digits: 3301 -> 0x3301, as on the samples.
uint64_t area_as_hex(uint32_t participant_code) {
  uint32_t area = participant_code / 10000;
  uint64_t value = 0;
  for (int shift = 12; shift >= 0; shift -= 4) {
    value |= static_cast<uint64_t>(area % 10) << (12 - shift);
    area /= 10;
  }
  return value;
}

Terminal make_terminal(uint32_t participant_code, size_t index, Rng& rng) {
  Terminal terminal;
  terminal.bus = rng.below(100) < 30;
  uint64_t kind = terminal.bus ? 0xBB : 0xAA;
  terminal.number = (area_as_hex(participant_code) << 32) | (kind << 24) | ((index + 1) & 0xFFFFFF);
  terminal.next_serial = static_cast<uint32_t>(rng.below(0x80000000ULL));
  char station[16];
  if (terminal.bus) {
    std::snprintf(station, sizeof station, "B%04uS%02u", static_cast<unsigned>(1 + index % 900),
                  static_cast<unsigned>(1 + index / 900 % 60));
  } else {
    std::snprintf(station, sizeof station, "L%02u00S%02u", static_cast<unsigned>(1 + index % 16),
                  static_cast<unsigned>(1 + index / 16 % 60));
  }
  std::memcpy(terminal.station.data(), station, 8);
  return terminal;
}

}  // namespace

TerminalFleet::TerminalFleet(const Scheme& scheme,
                             const std::vector<int64_t>& terminals_per_acquirer, uint64_t seed) {
  for (size_t acquirer = 0; acquirer < scheme.participants.size(); ++acquirer) {
    Rng rng(derive_seed(seed, "terminals", acquirer));
    std::vector<Terminal> fleet;
    for (int64_t i = 0; i < terminals_per_acquirer[acquirer]; ++i) {
      fleet.push_back(
          make_terminal(scheme.participants[acquirer].code, static_cast<size_t>(i), rng));
    }
    fleets_.push_back(std::move(fleet));
  }
}

}  // namespace cityclear::gen
