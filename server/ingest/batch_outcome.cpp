#include "ingest/batch_outcome.h"

#include "config/participants.h"

namespace cityclear::ingest {

nlohmann::ordered_json to_json(const BatchOutcome& outcome) {
  nlohmann::ordered_json json = nlohmann::ordered_json::object();
  json["batch_id"] = outcome.batch_id ? nlohmann::ordered_json(*outcome.batch_id)
                                      : nlohmann::ordered_json(nullptr);
  json["acquirer"] = outcome.acquirer_code
                         ? nlohmann::ordered_json(format_institution_code(*outcome.acquirer_code))
                         : nlohmann::ordered_json(nullptr);
  json["status"] = outcome.accepted ? "accepted" : "rejected";
  json["reason"] =
      outcome.reason ? nlohmann::ordered_json(*outcome.reason) : nlohmann::ordered_json(nullptr);
  json["detail"] =
      outcome.detail ? nlohmann::ordered_json(*outcome.detail) : nlohmann::ordered_json(nullptr);
  json["clearing_date"] = outcome.clearing_date
                              ? nlohmann::ordered_json(format_date(*outcome.clearing_date))
                              : nlohmann::ordered_json(nullptr);
  json["sha256"] = outcome.sha256_hex;
  json["records"] = outcome.records;
  nlohmann::ordered_json by_reason = nlohmann::ordered_json::object();
  for (const auto& [code, count] : outcome.by_reason) by_reason[code] = count;
  json["by_reason"] = by_reason;
  json["repeat"] = outcome.repeat;
  return json;
}

int http_status(const BatchOutcome& outcome) {
  if (outcome.accepted) return 200;
  return outcome.reason == "F04" ? 409 : 422;
}

}  // namespace cityclear::ingest
