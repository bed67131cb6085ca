#include "ingest/outcome_builders.h"

#include <nlohmann/json.hpp>

#include "common/check.h"
#include "config/participants.h"

namespace cityclear::ingest {

std::map<std::string, int64_t> count_reasons(const std::vector<Reason>& reasons) {
  std::map<std::string, int64_t> counts;
  for (Reason reason : reasons) {
    CITYCLEAR_CHECK(reason != Reason::pending, "every record has its final reason");
    ++counts[reason_text(reason)];
  }
  return counts;
}

std::string counts_json(const std::map<std::string, int64_t>& counts) {
  nlohmann::json object = nlohmann::json::object();
  for (const auto& [code, count] : counts) object[code] = count;
  return object.dump();
}

BatchOutcome accepted_outcome(const std::string& sha256_hex, const BatchHeader& header,
                              CivilDate day, const std::vector<Reason>& reasons) {
  BatchOutcome outcome;
  outcome.batch_id = std::string(header.batch_id_text());
  outcome.acquirer_code = header.acquirer_code;
  outcome.accepted = true;
  outcome.clearing_date = day;
  outcome.sha256_hex = sha256_hex;
  outcome.records = static_cast<int64_t>(reasons.size());
  outcome.by_reason = count_reasons(reasons);
  return outcome;
}

BatchOutcome rejected_outcome(const std::string& sha256_hex,
                              const std::optional<BatchHeader>& header,
                              const FileRejection& rejection) {
  BatchOutcome outcome;
  if (header) {
    outcome.batch_id = std::string(header->batch_id_text());
    outcome.acquirer_code = header->acquirer_code;
  }
  outcome.reason = rejection.code;
  outcome.detail = rejection.detail;
  outcome.sha256_hex = sha256_hex;
  return outcome;
}

FileRejection batch_id_reused(const BatchHeader& header) {
  return {"F04", "batch id " + std::string(header.batch_id_text()) +
                     " was already accepted for acquirer " +
                     format_institution_code(header.acquirer_code) + " with different bytes"};
}

}  // namespace cityclear::ingest
