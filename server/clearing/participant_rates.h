#pragma once
// The participants a settlement run clears and the fee rates it uses, taken from configuration
// once per run (stored in settlement_rate, fingerprinted in settlement_run.participants_sha256).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/sha256.h"
#include "config/participants.h"

namespace cityclear::clearing {

struct ParticipantRate {
  uint32_t code = 0;
  int fee_bps = 0;
  std::string name;
};

class ParticipantRates {
 public:
  // `rates` in any order; codes must be distinct, 8 digits and not the center's.
  explicit ParticipantRates(std::vector<ParticipantRate> rates);
  static ParticipantRates from_participants(const Participants& participants);

  const std::vector<ParticipantRate>& all() const { return rates_; }  // by code
  size_t size() const { return rates_.size(); }
  // Position of a participant in all(); empty when the code is not configured. Called several
  // times a record: an open-addressing table, a multiplication and a probe or two.
  std::optional<size_t> index_of(uint32_t code) const {
    for (size_t slot = slot_of(code);; slot = (slot + 1) & (slots_.size() - 1)) {
      if (slots_[slot].code == code) return slots_[slot].index;
      if (slots_[slot].code == empty_slot) return std::nullopt;
    }
  }
  // SHA-256 of the canonical text "<code 8 digits> <fee_bps 5 digits>\n" per participant, by code.
  Sha256Digest fingerprint() const;

 private:
  static constexpr uint32_t empty_slot = UINT32_MAX;  // never a code (at most 8 digits)
  struct Slot {
    uint32_t code = empty_slot;
    uint32_t index = 0;
  };
  size_t slot_of(uint32_t code) const {
    return (uint64_t{code} * 0x9E3779B97F4A7C15u >> 40) & (slots_.size() - 1);
  }
  void index_codes();

  std::vector<ParticipantRate> rates_;
  std::vector<Slot> slots_;  // a power of two, at least four times the participants
};

}  // namespace cityclear::clearing
