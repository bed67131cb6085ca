#include "gen/record_faults.h"

#include <algorithm>

namespace cityclear::gen {
namespace {

constexpr uint32_t second_fault_permille = 125;  // 1 faulted record in 8 gets a second fault

}  // namespace

RecordFaults::RecordFaults(const GenOptions& options, const Scheme& scheme, const DayLimits& limits)
    : permille_(options.fault_permille), scheme_(scheme), limits_(limits) {}

FaultChoice RecordFaults::draw(Rng& rng) const {
  FaultChoice choice;
  uint64_t roll = rng.below(1000);
  uint64_t cumulative = 0;
  for (size_t i = 0; i < record_fault_count; ++i) {
    cumulative += permille_[i];
    if (roll < cumulative) {
      choice.first = static_cast<RecordFault>(i);
      break;
    }
  }
  if (choice.first && rng.chance_permille(second_fault_permille)) {
    // One of the seven field/TAC faults (not a duplicate), other than the first.
    size_t first = static_cast<size_t>(*choice.first);
    size_t duplicate = static_cast<size_t>(RecordFault::duplicate);
    size_t pick = 0;
    if (first == duplicate) {
      pick = static_cast<size_t>(rng.below(duplicate));
    } else {
      pick = static_cast<size_t>(rng.below(duplicate - 1));
      if (pick >= first) ++pick;
    }
    choice.second = static_cast<RecordFault>(pick);
  }
  return choice;
}

void RecordFaults::make_unknown_key(PurchaseDraft& draft, Rng& rng) const {
  Tb1Record& record = draft.record;
  auto held = [&](uint8_t version, uint8_t algorithm) {
    return scheme_.find_key(record.issuer, version, static_cast<Algorithm>(algorithm)) != nullptr;
  };
  // Half the time a version the issuer holds but with the other algorithm, else a version it lacks.
  uint8_t other_algorithm = record.algorithm == 0x00 ? 0x04 : 0x00;
  if (rng.below(2) == 0 && !held(record.key_version, other_algorithm)) {
    record.algorithm = other_algorithm;
    return;
  }
  uint8_t version = static_cast<uint8_t>(record.key_version + 1 + rng.below(8));
  while (held(version, record.algorithm)) version = static_cast<uint8_t>(version + 1);
  record.key_version = version;
}

// Out of 8: 2 one second past a limit, 4 well past it (all 07), and 2 probes exactly on a limit,
// which the spec still accepts ("later than" / "earlier than"): the oracle gives them no 07.
void RecordFaults::make_bad_time(PurchaseDraft& draft, Rng& rng, int64_t header_created) const {
  uint64_t variant = rng.below(8);
  int64_t beyond = variant < 2 ? 1 : (variant < 6 ? 2 : 0);
  bool late = rng.below(2) == 0;
  if (beyond == 2) beyond = late ? rng.between(2, 2 * 3600) : rng.between(2, 5 * 86400);
  draft.record.local_time = late ? header_created + limits_.future_tolerance_seconds + beyond
                                 : header_created - limits_.acceptance_window_seconds() - beyond;
}

void RecordFaults::apply_before_tac(RecordFault fault, PurchaseDraft& draft, Rng& rng,
                                    int64_t header_created) const {
  Tb1Record& record = draft.record;
  switch (fault) {
    case RecordFault::unknown_issuer: {  // a card of an issuer the center has no keys for
      record.issuer = scheme_.unknown_issuers[rng.below(scheme_.unknown_issuers.size())];
      record.asn = Asn{record.issuer, rng.below(1000000000000ULL)};
      record.counter = static_cast<uint32_t>(rng.between(0, 65535));
      draft.card_index = -1;
      break;
    }
    case RecordFault::unknown_key: make_unknown_key(draft, rng); break;
    case RecordFault::illegal_amount: {
      uint64_t variant = rng.below(3);
      int64_t over = limits_.max_single_purchase_fen;
      record.amount =
          variant == 0
              ? 0
              : static_cast<uint32_t>(variant == 1 ? over + 1 : rng.between(over + 2, 9999999));
      draft.card_debit = 0;
      break;
    }
    case RecordFault::insufficient_balance:
      record.amount = static_cast<uint32_t>(
          std::min<int64_t>(int64_t{record.balance_before} + rng.between(1, 500), 4294967295LL));
      draft.card_debit = 0;
      break;
    case RecordFault::bad_time: make_bad_time(draft, rng, header_created); break;
    case RecordFault::grey: record.grey = true; break;
    case RecordFault::tac_mismatch:
    case RecordFault::duplicate: break;
  }
}

void RecordFaults::apply_after_tac(RecordFault fault, PurchaseDraft& draft, Rng& rng) const {
  if (fault != RecordFault::tac_mismatch) return;
  Tb1Record& record = draft.record;
  switch (rng.below(4)) {
    case 0:
    case 1:
      record.tac ^= static_cast<uint32_t>(1 + rng.below(0xFFFFFFFFULL));
      break;  // never 0: always differs
    case 2:   // the amount altered after the card computed the TAC
      record.amount = record.amount > 1 ? record.amount - 1 : record.amount + 1;
      draft.fields_changed_after_tac = true;
      break;
    default:  // the terminal serial altered
      record.terminal_serial += 1;
      draft.fields_changed_after_tac = true;
      break;
  }
}

}  // namespace cityclear::gen
