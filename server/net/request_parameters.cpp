#include "net/request_parameters.h"

#include "config/participants.h"

namespace cityclear::net {

bool is_batch_id(std::string_view text) {
  if (text.size() != 20) return false;
  for (char c : text) {
    if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z'))) return false;
  }
  return true;
}

std::optional<SettlementFileName> parse_settlement_file_name(std::string_view name) {
  constexpr std::string_view suffix = ".txt";
  if (!name.ends_with(suffix)) return std::nullopt;
  name.remove_suffix(suffix.size());
  SettlementFileName parsed;
  std::string_view date_text;
  if (name.size() == 4 + 8 && name.starts_with("STL_")) {
    parsed.kind = "STL1";
    date_text = name.substr(4);
  } else if (name.size() == 4 + 8 + 1 + 8 &&
             (name.starts_with("CLR_") || name.starts_with("RJT_")) && name[12] == '_') {
    parsed.kind = name.starts_with("CLR_") ? "CLR1" : "RJT1";
    parsed.participant_code = parse_institution_code(std::string(name.substr(4, 8)));
    if (!parsed.participant_code) return std::nullopt;
    date_text = name.substr(13);
  } else {
    return std::nullopt;
  }
  auto day = parse_date(date_text);
  if (!day) return std::nullopt;
  parsed.day = *day;
  return parsed;
}

}  // namespace cityclear::net
