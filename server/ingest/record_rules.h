#pragma once
// The per-record reasons that need no cryptography and no database: 11, 12, 02, 05, 07, 04.
#include <cstdint>

#include "config/config.h"
#include "crypto/key_provider.h"
#include "ingest/reason_code.h"
#include "ingest/tb1_record.h"

namespace cityclear::ingest {

struct RecordRules {
  int64_t max_single_purchase_fen = 100000;
  int64_t acceptance_window_seconds = 30 * 86400;
  int64_t future_tolerance_seconds = 600;

  static RecordRules from(const IngestSettings& settings);
};

// The first of 11, 12, 02, 05, 07, 04 that applies, else Reason::pending (TAC and later checks).
Reason reason_before_tac(const DetailRecord& record, int64_t created_local_seconds,
                         const RecordRules& rules, const crypto::KeyProvider& keys);

}  // namespace cityclear::ingest
