#pragma once
// Natural purchases: an acquirer's terminal accepts a card at a given time. The card is of the
// acquirer's own city, or of another with the inter-city share; it has room on its counter and
// no later purchase yet; the amount is a fare (bus 1-2 yuan, metro 2-10 yuan, some composite
// purchases and a few bigger ones; concession cards pay half); a card whose balance cannot pay
// has been topped up since its last purchase. Nothing moves until commit().
#include <cstdint>

#include "gen/card_population.h"
#include "gen/options.h"
#include "gen/purchase_draft.h"
#include "gen/rng.h"
#include "gen/scheme.h"
#include "gen/terminal_fleet.h"

namespace cityclear::gen {

class RecordFactory {
 public:
  RecordFactory(const Scheme& scheme, CardPopulation& cards, TerminalFleet& terminals,
                const GenOptions& options, int64_t day_start);
  PurchaseDraft natural_purchase(Rng& rng, size_t acquirer_index, int64_t local_time);
  void commit(const PurchaseDraft& draft, size_t acquirer_index);

 private:
  size_t pick_issuer(Rng& rng, size_t acquirer_index) const;
  int64_t pick_card(Rng& rng, size_t issuer_index, int32_t second_of_day);
  static uint32_t draw_fare(Rng& rng, bool bus, bool composite, uint8_t card_type);

  const Scheme& scheme_;
  CardPopulation& cards_;
  TerminalFleet& terminals_;
  double inter_city_share_;
  int64_t day_start_;
};

}  // namespace cityclear::gen
