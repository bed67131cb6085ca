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
  // Position of a participant in all(); empty when the code is not configured.
  std::optional<size_t> index_of(uint32_t code) const;
  // SHA-256 of the canonical text "<code 8 digits> <fee_bps 5 digits>\n" per participant, by code.
  Sha256Digest fingerprint() const;

 private:
  std::vector<ParticipantRate> rates_;
};

}  // namespace cityclear::clearing
