#include "ingest/stored_outcome.h"

#include <cctype>

#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

#include "common/check.h"
#include "ingest/batch_statements.h"
#include "store/array_literal.h"

namespace cityclear::ingest {
namespace {

template <class T>
std::optional<T> optional_field(const pqxx::row& row, const char* column) {
  if (row[column].is_null()) return std::nullopt;
  return row[column].as<T>();
}

BatchOutcome outcome_of_row(const pqxx::row& row) {
  BatchOutcome outcome;
  outcome.batch_id = optional_field<std::string>(row, "batch_id");
  outcome.acquirer_code = optional_field<uint32_t>(row, "acquirer_code");
  outcome.accepted = row["status"].as<std::string>() == "accepted";
  outcome.reason = optional_field<std::string>(row, "reason");
  outcome.detail = optional_field<std::string>(row, "detail");
  if (auto day = optional_field<std::string>(row, "clearing_date"))
    outcome.clearing_date = parse_date(*day);
  outcome.sha256_hex = row["sha256_hex"].as<std::string>();
  for (char& c : outcome.sha256_hex)
    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  outcome.records = row["record_count"].as<int64_t>();
  nlohmann::json counts = nlohmann::json::parse(row["counts_by_reason"].as<std::string>());
  for (const auto& [code, count] : counts.items()) outcome.by_reason[code] = count.get<int64_t>();
  return outcome;
}

}  // namespace

std::map<int64_t, BatchOutcome> load_outcomes(pqxx::transaction_base& transaction,
                                              const std::vector<int64_t>& batch_keys) {
  store::ArrayLiteral keys;
  for (int64_t key : batch_keys) keys.add(key);
  std::map<int64_t, BatchOutcome> outcomes;
  for (const auto& row : transaction.exec_params(statements::load_outcomes, keys.text())) {
    outcomes.emplace(row["batch_key"].as<int64_t>(), outcome_of_row(row));
  }
  CITYCLEAR_CHECK(outcomes.size() <= batch_keys.size(), "one outcome a batch key");
  return outcomes;
}

}  // namespace cityclear::ingest
