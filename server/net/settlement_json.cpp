#include "net/settlement_json.h"

#include <nlohmann/json.hpp>

namespace cityclear::net {
namespace {

nlohmann::json position_to_json(const clearing::Position& position) {
  return {{"participant", format_institution_code(position.participant_code)},
          {"receivable", position.receivable_fen},
          {"payable", position.payable_fen},
          {"fees", position.fees_fen},
          {"net", position.net_fen}};
}

nlohmann::json file_to_json(const clearing::SettlementFileInfo& file) {
  nlohmann::json participant = nullptr;
  if (file.participant_code) participant = format_institution_code(*file.participant_code);
  return {{"name", file.name},
          {"kind", file.kind},
          {"participant", participant},
          {"sha256", file.sha256_hex},
          {"size_bytes", file.size_bytes}};
}

}  // namespace

nlohmann::json settlement_to_json(const clearing::SettlementResult& result, const Caller& viewer) {
  auto visible = [&](std::optional<uint32_t> owner) {
    return viewer.is_operator || (owner && *owner == viewer.participant_code);
  };
  nlohmann::json positions = nlohmann::json::array();
  for (const auto& position : result.positions) {
    if (visible(position.participant_code)) positions.push_back(position_to_json(position));
  }
  nlohmann::json files = nlohmann::json::array();
  for (const auto& file : result.files) {
    if (visible(file.participant_code)) files.push_back(file_to_json(file));
  }
  nlohmann::json answer = {{"date", format_date(result.day)},
                           {"settled", true},
                           {"already_settled", result.already_settled},
                           {"positions", positions},
                           {"files", files}};
  if (viewer.is_operator) {
    answer["records"] = result.record_count;
    answer["accepted_records"] = result.accepted_count;
  }
  return answer;
}

}  // namespace cityclear::net
