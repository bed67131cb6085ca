#include "gen/card_population.h"

#include <algorithm>

#include "gen/rng.h"

namespace cityclear::gen {
namespace {

constexpr uint64_t serial_modulus = 1000000000000ULL;  // 12 digits
constexpr uint64_t serial_multiplier = 611953;         // prime, coprime with 10^12: a bijection

uint8_t draw_card_type(Rng& rng) {
  uint64_t roll = rng.below(100);
  if (roll < 80) return 1;  // adult
  if (roll < 90) return 2;  // student
  if (roll < 97) return 3;  // senior
  return 4;                 // staff
}

uint32_t draw_opening_balance(Rng& rng) {
  uint64_t roll = rng.below(100);
  if (roll < 5) return static_cast<uint32_t>(rng.between(0, 500));
  if (roll < 85) return static_cast<uint32_t>(rng.between(500, 20000));
  return static_cast<uint32_t>(rng.between(20000, 60000));
}

}  // namespace

CardPopulation::CardPopulation(const Scheme& scheme, int64_t cards_per_issuer, uint64_t seed,
                               int64_t expected_uses_per_card)
    : scheme_(scheme), cards_per_issuer_(cards_per_issuer) {
  cards_.resize(scheme.participants.size() * static_cast<size_t>(cards_per_issuer));
  // Room for eight times the expected purchases (and some) before 65535.
  int64_t highest_start = std::max<int64_t>(0, 65535 - 8 * expected_uses_per_card - 64);
  for (size_t issuer = 0; issuer < scheme.participants.size(); ++issuer) {
    Rng rng(derive_seed(seed, "cards", issuer));
    serial_offsets_.push_back(rng.below(serial_modulus));
    size_t key_count = scheme.participants[issuer].keys.size();
    for (int64_t index = 0; index < cards_per_issuer; ++index) {
      CardState& state = card(issuer, index);
      state.balance = draw_opening_balance(rng);
      state.next_counter =
          static_cast<uint32_t>(rng.between(0, std::min<int64_t>(highest_start, 40000)));
      state.key_index = static_cast<uint8_t>(rng.below(key_count));
      state.card_type = draw_card_type(rng);
    }
  }
}

Asn CardPopulation::asn(size_t issuer_index, int64_t card_index) const {
  uint64_t scrambled = static_cast<uint64_t>(
      (static_cast<unsigned __int128>(static_cast<uint64_t>(card_index)) * serial_multiplier +
       serial_offsets_[issuer_index]) %
      serial_modulus);
  return Asn{scheme_.participants[issuer_index].code, scrambled};
}

}  // namespace cityclear::gen
