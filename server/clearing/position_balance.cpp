#include "clearing/position_balance.h"

#include "config/participants.h"

namespace cityclear::clearing {

std::string position_balance_problem(const std::vector<Position>& positions) {
  if (positions.empty() || positions.front().participant_code != center_code)
    return "the center's position is not first";
  const Position& center = positions.front();
  if (center.receivable_fen != 0 || center.payable_fen != 0)
    return "the center has a receivable or a payable";
  if (center.net_fen != center.fees_fen) return "the center's net is not its fee income";
  int64_t receivable = 0, payable = 0, fees = 0, nets = center.net_fen;
  for (size_t index = 1; index < positions.size(); ++index) {
    const Position& position = positions[index];
    if (position.participant_code <= positions[index - 1].participant_code)
      return "positions are not ordered by code";
    if (position.net_fen != position.receivable_fen - position.payable_fen - position.fees_fen) {
      return "participant " + format_institution_code(position.participant_code) +
             " has net != receivable - payable - fees";
    }
    receivable += position.receivable_fen;
    payable += position.payable_fen;
    fees += position.fees_fen;
    nets += position.net_fen;
  }
  if (receivable != payable) return "receivables do not equal payables";
  if (fees != center.fees_fen)
    return "the center's fee income is not the sum of the participants' fees";
  if (nets != 0) return "the nets do not add up to zero";
  return {};
}

}  // namespace cityclear::clearing
