#include "gen/record_factory.h"

#include <algorithm>
#include <stdexcept>

namespace cityclear::gen {
namespace {

constexpr int max_random_tries = 16;

bool has_counter_room(const CardState& card) {
  return card.next_counter <= 65535;
}

}  // namespace

RecordFactory::RecordFactory(const Scheme& scheme, CardPopulation& cards, TerminalFleet& terminals,
                             const GenOptions& options, int64_t day_start)
    : scheme_(scheme),
      cards_(cards),
      terminals_(terminals),
      inter_city_share_(options.inter_city_share),
      day_start_(day_start) {}

size_t RecordFactory::pick_issuer(Rng& rng, size_t acquirer_index) const {
  size_t count = scheme_.participants.size();
  if (count == 1 || rng.unit() >= inter_city_share_) return acquirer_index;
  size_t other = static_cast<size_t>(rng.below(count - 1));
  return other >= acquirer_index ? other + 1 : other;
}

// A random card with counter room and no purchase at or after this time; failing that, one with
// counter room; failing that, the first with room from a random place on.
int64_t RecordFactory::pick_card(Rng& rng, size_t issuer_index, int32_t second_of_day) {
  int64_t count = cards_.cards_per_issuer();
  for (int attempt = 0; attempt < 2 * max_random_tries; ++attempt) {
    int64_t index = static_cast<int64_t>(rng.below(static_cast<uint64_t>(count)));
    const CardState& card = cards_.card(issuer_index, index);
    bool in_time = card.last_time < second_of_day || attempt >= max_random_tries;
    if (has_counter_room(card) && in_time) return index;
  }
  int64_t start = static_cast<int64_t>(rng.below(static_cast<uint64_t>(count)));
  for (int64_t step = 0; step < count; ++step) {
    int64_t index = (start + step) % count;
    if (has_counter_room(cards_.card(issuer_index, index))) return index;
  }
  throw std::runtime_error("every card's counter is used up: raise --cards-per-issuer");
}

uint32_t RecordFactory::draw_fare(Rng& rng, bool bus, bool composite, uint8_t card_type) {
  uint32_t fare = 0;
  uint64_t roll = rng.below(1000);
  if (composite)
    fare = static_cast<uint32_t>(rng.between(2, 60) * 50);
  else if (roll < 10)
    fare = static_cast<uint32_t>(rng.between(100, 800) * 10);  // longer trips, taxis
  else if (bus)
    fare = roll < 600 ? 200 : (roll < 900 ? 100 : 150);
  else
    fare = static_cast<uint32_t>(std::min(rng.between(2, 10), rng.between(2, 10)) * 100);
  if (card_type == 2 || card_type == 3)
    fare = (fare / 2 + 9) / 10 * 10;  // concession: half, whole jiao
  return std::max<uint32_t>(fare, 10);
}

PurchaseDraft RecordFactory::natural_purchase(Rng& rng, size_t acquirer_index, int64_t local_time) {
  PurchaseDraft draft;
  draft.terminal_index = static_cast<size_t>(rng.below(terminals_.size(acquirer_index)));
  draft.moves_terminal = true;
  const Terminal& terminal = terminals_.terminal(acquirer_index, draft.terminal_index);
  draft.issuer_index = pick_issuer(rng, acquirer_index);
  draft.card_second_of_day = static_cast<int32_t>(local_time - day_start_);
  draft.card_index = pick_card(rng, draft.issuer_index, draft.card_second_of_day);
  const CardState& card = cards_.card(draft.issuer_index, draft.card_index);
  const IssuerKey& key = scheme_.participants[draft.issuer_index].keys[card.key_index];
  Tb1Record& record = draft.record;
  record.transaction_type = rng.below(1000) < 30 ? 0x09 : 0x06;
  record.issuer = scheme_.participants[draft.issuer_index].code;
  record.asn = cards_.asn(draft.issuer_index, draft.card_index);
  record.card_type = card.card_type;
  record.counter = card.next_counter;
  record.amount = draw_fare(rng, terminal.bus, record.transaction_type == 0x09, card.card_type);
  record.balance_before = card.balance;
  static constexpr uint32_t top_ups[] = {5000, 10000, 20000, 50000};
  while (record.balance_before < record.amount) record.balance_before += top_ups[rng.below(4)];
  record.terminal = terminal.number;
  record.terminal_serial = terminal.next_serial;
  record.local_time = local_time;
  record.algorithm = static_cast<uint8_t>(key.algorithm);
  record.key_version = key.version;
  record.grey = false;
  record.station = terminal.station;
  draft.card_debit = record.amount;
  return draft;
}

void RecordFactory::commit(const PurchaseDraft& draft, size_t acquirer_index) {
  if (draft.moves_terminal)
    terminals_.terminal(acquirer_index, draft.terminal_index).next_serial += 1;
  if (draft.card_index < 0) return;
  CardState& card = cards_.card(draft.issuer_index, draft.card_index);
  card.next_counter = draft.record.counter + 1;
  card.balance =
      draft.record.balance_before - std::min(draft.card_debit, draft.record.balance_before);
  card.last_time = std::max(card.last_time, draft.card_second_of_day);
}

}  // namespace cityclear::gen
