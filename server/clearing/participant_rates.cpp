#include "clearing/participant_rates.h"

#include <algorithm>

#include "clearing/fee.h"
#include "clearing/fixed_width.h"
#include "common/check.h"

namespace cityclear::clearing {

ParticipantRates::ParticipantRates(std::vector<ParticipantRate> rates) : rates_(std::move(rates)) {
  std::sort(rates_.begin(), rates_.end(),
            [](const auto& left, const auto& right) { return left.code < right.code; });
  for (size_t index = 0; index < rates_.size(); ++index) {
    CITYCLEAR_CHECK(rates_[index].code != center_code && rates_[index].code <= 99999999,
                    "participant code out of range");
    CITYCLEAR_CHECK(rates_[index].fee_bps >= 0 && rates_[index].fee_bps <= max_fee_bps,
                    "fee rate out of range");
    CITYCLEAR_CHECK(index == 0 || rates_[index - 1].code != rates_[index].code,
                    "participant configured twice");
  }
  index_codes();
}

void ParticipantRates::index_codes() {
  size_t size = 8;
  while (size < 4 * rates_.size()) size *= 2;
  slots_.assign(size, Slot{});
  for (size_t index = 0; index < rates_.size(); ++index) {
    size_t slot = slot_of(rates_[index].code);
    while (slots_[slot].code != empty_slot) slot = (slot + 1) & (slots_.size() - 1);
    slots_[slot] = Slot{rates_[index].code, static_cast<uint32_t>(index)};
  }
}

ParticipantRates ParticipantRates::from_participants(const Participants& participants) {
  std::vector<ParticipantRate> rates;
  rates.reserve(participants.participants.size());
  for (const auto& participant : participants.participants) {
    rates.push_back({participant.code, participant.fee_bps, participant.name});
  }
  return ParticipantRates(std::move(rates));
}

Sha256Digest ParticipantRates::fingerprint() const {
  Sha256 hasher;
  for (const auto& rate : rates_) {
    char line[15];
    write_decimal_field(line, 8, rate.code);
    line[8] = ' ';
    write_decimal_field(line + 9, 5, static_cast<uint64_t>(rate.fee_bps));
    line[14] = '\n';
    hasher.update(std::string_view(line, sizeof line));
  }
  return hasher.finish();
}

}  // namespace cityclear::clearing
