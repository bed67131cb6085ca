#include "gen/config_writer.h"

#include <nlohmann/json.hpp>

#include "common/hex.h"
#include "common/sha256.h"
#include "gen/output_file.h"
#include "gen/tb1_format.h"

namespace cityclear::gen {
namespace {

using nlohmann::ordered_json;

std::string hex_byte(uint8_t value) {
  std::string text(2, '0');
  put_hex(text.data(), value, 2);
  return text;
}

std::string lowercase_sha256(const std::string& token) {
  std::string hex = sha256_hex(token);
  for (char& c : hex) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return hex;
}

void write_json(const std::filesystem::path& path, const ordered_json& document,
                mode_t mode = 0644) {
  write_whole_file(path, document.dump(1) + "\n", mode);
}

ordered_json keys_document(const Scheme& scheme) {
  ordered_json issuers = ordered_json::object();
  ordered_json acquirers = ordered_json::object();
  for (const SchemeParticipant& participant : scheme.participants) {
    ordered_json keys = ordered_json::array();
    for (const IssuerKey& key : participant.keys) {
      keys.push_back({{"version", hex_byte(key.version)},
                      {"alg", hex_byte(static_cast<uint8_t>(key.algorithm))},
                      {"mtk", to_hex(key.mtk)}});
    }
    issuers[code_text(participant.code)] = keys;
    acquirers[code_text(participant.code)] = {{"file_key", to_hex(participant.file_key)}};
  }
  return {{"issuers", issuers}, {"acquirers", acquirers}};
}

ordered_json participants_document(const Scheme& scheme) {
  ordered_json list = ordered_json::array();
  for (const SchemeParticipant& participant : scheme.participants) {
    list.push_back({{"code", code_text(participant.code)},
                    {"name", participant.name},
                    {"fee_bps", participant.fee_bps},
                    {"tokens_sha256", {lowercase_sha256(participant.token)}}});
  }
  return {{"participants", list},
          {"operator_tokens_sha256", {lowercase_sha256(scheme.operator_token)}}};
}

ordered_json tokens_document(const Scheme& scheme) {
  ordered_json tokens = ordered_json::object();
  for (const SchemeParticipant& participant : scheme.participants)
    tokens[code_text(participant.code)] = participant.token;
  tokens["operator"] = scheme.operator_token;
  return tokens;
}

ordered_json config_document(const DayLimits& limits) {
  ordered_json config = {
      {"database", {{"url", "postgresql://postgres@/cityclear?host=/tmp&port=5432"}}},
      {"keys_file", "keys.json"},
      {"participants_file", "participants.json"},
      {"output_dir", "out"},
      {"ingest",
       {{"max_records_per_file", limits.max_records_per_file},
        {"max_file_bytes", limits.max_file_bytes},
        {"max_single_purchase_fen", limits.max_single_purchase_fen},
        {"acceptance_window_days", limits.acceptance_window_days},
        {"future_tolerance_seconds", limits.future_tolerance_seconds}}},
  };
  DayLimits defaults;
  if (limits.max_file_bytes > defaults.max_file_bytes) {
    config["http"] = {{"max_body_bytes", limits.max_file_bytes}};
    config["tcp"] = {{"max_frame_bytes", limits.max_file_bytes}};
  }
  return config;
}

}  // namespace

void write_scheme_files(const std::filesystem::path& out_dir, const Scheme& scheme,
                        const DayLimits& limits) {
  write_json(out_dir / "keys.json", keys_document(scheme), 0600);
  write_json(out_dir / "participants.json", participants_document(scheme));
  write_json(out_dir / "tokens.json", tokens_document(scheme));
  write_json(out_dir / "cityclear.json", config_document(limits));
}

}  // namespace cityclear::gen
