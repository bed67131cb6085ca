#include "gen/reason_oracle.h"

namespace cityclear::gen {

Reason classify_record(const Tb1Record& record, int64_t header_created, const KeyRing& keys,
                       const DayLimits& limits, const RecordFacts& facts) {
  if (!keys.knows_issuer(record.issuer)) return Reason::unknown_issuer;
  if (keys.find(record.issuer, record.key_version, record.algorithm) == nullptr)
    return Reason::unknown_key;
  if (record.amount == 0 || record.amount > limits.max_single_purchase_fen)
    return Reason::illegal_data;
  if (record.amount > record.balance_before) return Reason::insufficient_balance;
  if (record.local_time > header_created + limits.future_tolerance_seconds ||
      record.local_time < header_created - limits.acceptance_window_seconds()) {
    return Reason::bad_time;
  }
  if (record.grey) return Reason::grey;
  if (!facts.tac_over_fields || *facts.tac_over_fields != record.tac) return Reason::tac_mismatch;
  // 13 blacklisted: no blacklist is published on a generated day.
  if (facts.already_accepted) return Reason::duplicate;
  return Reason::accepted;
}

std::optional<uint32_t> tac_over_fields(const Tb1Record& record, const KeyRing& keys,
                                        TacOracle& oracle) {
  const MasterKey* key = keys.find(record.issuer, record.key_version, record.algorithm);
  if (key == nullptr) return std::nullopt;
  TacFields fields{record.amount, record.transaction_type, record.terminal, record.terminal_serial,
                   record.local_time};
  return oracle.tac(*key, factor_of_digits(record.asn.last_16_digits()), fields);
}

}  // namespace cityclear::gen
