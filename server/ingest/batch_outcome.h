#pragma once
// The outcome of one TB1 upload, as answered by POST /v1/batches, GET /v1/batches/..., the TCP
// listener and `cityclear ingest --json` (shared/spec/interfaces.md).
#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "common/local_time.h"

namespace cityclear::ingest {

struct BatchOutcome {
  std::optional<std::string> batch_id;    // null when the header could not be read
  std::optional<uint32_t> acquirer_code;  // null when the header could not be read
  bool accepted = false;
  std::optional<std::string> reason;         // "F01".."F05" when rejected
  std::optional<std::string> detail;         // one sentence when rejected: line, field, rule
  std::optional<CivilDate> clearing_date;    // when accepted
  std::string sha256_hex;                    // of the uploaded bytes
  int64_t records = 0;                       // detail records (0 when rejected before counting)
  std::map<std::string, int64_t> by_reason;  // only the codes that occur, e.g. {"00": 3}
  bool repeat = false;                       // the very same bytes were uploaded before
};

nlohmann::ordered_json to_json(const BatchOutcome& outcome);
// 200 accepted, 422 for F01/F02/F03/F05, 409 for F04.
int http_status(const BatchOutcome& outcome);

}  // namespace cityclear::ingest
