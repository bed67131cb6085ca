#pragma once
// A detail record on its way into a file, with what committing it does to the card and terminal.
#include <cstdint>

#include "gen/tb1_record.h"

namespace cityclear::gen {

struct PurchaseDraft {
  Tb1Record record;
  size_t issuer_index = 0;
  int64_t card_index = -1;  // -1: no card of ours moves (a made-up card, or a record sent again)
  size_t terminal_index = 0;
  bool moves_terminal = false;     // the terminal's serial advances
  uint32_t card_debit = 0;         // what the card's balance loses when committed
  int32_t card_second_of_day = 0;  // the purchase's real time (for the card's time order)
  bool copy_of_accepted = false;   // same issuer, ASN and counter as an accepted record
  bool resent_rejected = false;    // a record rejected earlier, sent again corrected
  bool fields_changed_after_tac = false;
};

}  // namespace cityclear::gen
