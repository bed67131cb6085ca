#include "ingest/record_rules.h"

namespace cityclear::ingest {

RecordRules RecordRules::from(const IngestSettings& settings) {
  return RecordRules{settings.max_single_purchase_fen, settings.acceptance_window_days * 86400,
                     settings.future_tolerance_seconds};
}

Reason reason_before_tac(const DetailRecord& record, int64_t created_local_seconds,
                         const RecordRules& rules, const crypto::KeyProvider& keys) {
  if (!keys.knows_issuer(record.issuer_code)) return Reason::unknown_issuer;
  if (!keys.knows_key({record.issuer_code, record.key_version, record.algorithm}))
    return Reason::unknown_key;
  if (record.amount_fen == 0 || record.amount_fen > rules.max_single_purchase_fen)
    return Reason::illegal_data;
  if (record.amount_fen > record.balance_before_fen) return Reason::insufficient_balance;
  int64_t time = record.transaction_local_seconds;
  if (time > created_local_seconds + rules.future_tolerance_seconds ||
      time < created_local_seconds - rules.acceptance_window_seconds) {
    return Reason::bad_transaction_time;
  }
  if (record.grey) return Reason::grey;
  return Reason::pending;
}

}  // namespace cityclear::ingest
