#pragma once
// Every intermediate value of one record's TAC (shared/spec/crypto.md), named as in
// docs/tac-worked-example.md, computed with the reference code (server/crypto/reference_tac.*).
#include <map>
#include <string>

#include "ingest/tb1_record.h"

namespace cityclear::testing {

// name -> uppercase hex: factor, factor_inverted, dtk (and dtk_left, dtk_right, mac_key for
// 3DES), tac_input, padded_input, cbc_in_N, cbc_out_N, tac.
std::map<std::string, std::string> tac_steps(const ingest::DetailRecord& record,
                                             const std::string& master_key_hex);

}  // namespace cityclear::testing
