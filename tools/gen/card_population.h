#pragma once
// The cards of every issuer: M cards each, with a 20-digit ASN (the issuer's code, then 12 digits
// that look random but are a bijection of the card's index), a key (version and algorithm among
// the issuer's), a card type, and the state that keeps a card's day consistent: the next counter
// (CTC, consecutive), the balance, and the time of its last purchase.
#include <cstdint>
#include <vector>

#include "gen/scheme.h"
#include "gen/tb1_record.h"

namespace cityclear::gen {

struct CardState {
  uint32_t balance = 0;
  int32_t last_time = INT32_MIN;  // seconds since the day's start; INT32_MIN before any purchase
  uint32_t next_counter = 0;      // 65536 once the counter is used up
  uint8_t key_index = 0;          // into the issuer's keys
  uint8_t card_type = 1;
};

class CardPopulation {
 public:
  // expected_uses_per_card bounds the starting counters so that no card runs past 65535.
  CardPopulation(const Scheme& scheme, int64_t cards_per_issuer, uint64_t seed,
                 int64_t expected_uses_per_card);

  int64_t cards_per_issuer() const { return cards_per_issuer_; }
  CardState& card(size_t issuer_index, int64_t card_index) {
    return cards_[issuer_index * static_cast<size_t>(cards_per_issuer_) +
                  static_cast<size_t>(card_index)];
  }
  Asn asn(size_t issuer_index, int64_t card_index) const;

 private:
  const Scheme& scheme_;
  int64_t cards_per_issuer_;
  std::vector<uint64_t> serial_offsets_;  // per issuer
  std::vector<CardState> cards_;          // issuer-major
};

}  // namespace cityclear::gen
