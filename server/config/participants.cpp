#include "config/participants.h"

#include <algorithm>
#include <openssl/crypto.h>

#include "common/bcd.h"
#include "common/hex.h"
#include "common/sha256.h"
#include "config/config_error.h"
#include "config/json_reader.h"

namespace cityclear {
namespace {

std::vector<std::array<uint8_t, 32>> read_token_hashes(const nlohmann::json& list,
                                                       const std::string& file,
                                                       const std::string& field) {
  std::vector<std::array<uint8_t, 32>> hashes;
  for (const auto& item : list) {
    std::array<uint8_t, 32> hash{};
    if (!item.is_string() || !parse_hex_into(item.get<std::string>(), hash)) {
      throw ConfigError(file + ": field \"" + field +
                        "\" must hold SHA-256 values of 64 hex characters");
    }
    hashes.push_back(hash);
  }
  return hashes;
}

Participant read_participant(const nlohmann::json& item, const std::string& file, size_t index) {
  JsonObjectReader reader(item, file, "participants[" + std::to_string(index) + "]");
  Participant participant;
  std::string code_text = reader.required_string("code");
  auto code = parse_institution_code(code_text);
  if (!code || *code == center_code)
    reader.fail("code", "must be 8 decimal digits other than 00000000");
  participant.code = *code;
  participant.name = reader.string("name", code_text);
  participant.fee_bps = static_cast<int>(reader.integer("fee_bps", -1, 0, 10000));
  if (participant.fee_bps < 0) reader.fail("fee_bps", "is missing");
  participant.token_hashes =
      read_token_hashes(reader.array("tokens_sha256"), file, reader.field_name("tokens_sha256"));
  reader.finish();
  return participant;
}

bool hash_matches(const std::array<uint8_t, 32>& left, const std::array<uint8_t, 32>& right) {
  return CRYPTO_memcmp(left.data(), right.data(), left.size()) == 0;
}

}  // namespace

std::optional<uint32_t> parse_institution_code(const std::string& text) {
  if (text.size() != 8 || !is_decimal(text)) return std::nullopt;
  return static_cast<uint32_t>(*parse_decimal(text));
}

std::string format_institution_code(uint32_t code) {
  std::string text(8, '0');
  for (int i = 7; i >= 0; --i, code /= 10) text[i] = static_cast<char>('0' + code % 10);
  return text;
}

const Participant* Participants::find(uint32_t code) const {
  auto found = std::lower_bound(
      participants.begin(), participants.end(), code,
      [](const Participant& participant, uint32_t value) { return participant.code < value; });
  return (found != participants.end() && found->code == code) ? &*found : nullptr;
}

std::optional<Caller> Participants::identify(const std::string& token) const {
  if (token.empty()) return std::nullopt;
  Sha256Digest digest = sha256(token);
  std::optional<Caller> caller;
  // Every hash is compared (no early exit) so timing does not tell which one matched.
  for (const auto& hash : operator_token_hashes) {
    if (hash_matches(hash, digest)) caller = Caller{true, 0};
  }
  for (const auto& participant : participants) {
    for (const auto& hash : participant.token_hashes) {
      if (hash_matches(hash, digest) && !caller) caller = Caller{false, participant.code};
    }
  }
  return caller;
}

Participants load_participants(const std::filesystem::path& path) {
  std::string file = path.string();
  nlohmann::json document = read_json_file(file);
  JsonObjectReader reader(document, file, "");
  Participants result;
  const auto& list = reader.array("participants");
  for (size_t index = 0; index < list.size(); ++index)
    result.participants.push_back(read_participant(list[index], file, index));
  result.operator_token_hashes =
      read_token_hashes(reader.array("operator_tokens_sha256"), file, "operator_tokens_sha256");
  reader.finish();
  std::sort(
      result.participants.begin(), result.participants.end(),
      [](const Participant& left, const Participant& right) { return left.code < right.code; });
  for (size_t i = 1; i < result.participants.size(); ++i) {
    if (result.participants[i].code == result.participants[i - 1].code) {
      throw ConfigError(file + ": participant " +
                        format_institution_code(result.participants[i].code) + " is listed twice");
    }
  }
  if (result.participants.empty())
    throw ConfigError(file + ": field \"participants\" must list at least one participant");
  return result;
}

}  // namespace cityclear
