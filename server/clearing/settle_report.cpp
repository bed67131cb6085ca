#include "clearing/settle_report.h"

#include <fmt/format.h>

#include "common/local_time.h"

namespace cityclear::clearing {
namespace {

constexpr size_t name_width = 20;

std::string participant_name(uint32_t code, const Participants& participants) {
  if (code == center_code) return "clearing center";
  const Participant* participant = participants.find(code);
  std::string name = participant ? participant->name : "(not configured)";
  // Names are cut by bytes: a table column cannot hold more, and the code identifies the row.
  if (name.size() > name_width) name.resize(name_width);
  return name;
}

std::string table_row(const std::string& code, const std::string& name, int64_t receivable_fen,
                      int64_t payable_fen, int64_t fees_fen, int64_t net_fen) {
  return fmt::format("{:<8}  {:<20}  {:>17}  {:>17}  {:>15}  {:>18}\n", code, name,
                     format_yuan(receivable_fen), format_yuan(payable_fen), format_yuan(fees_fen),
                     format_yuan(net_fen));
}

}  // namespace

std::string format_yuan(int64_t amount_fen) {
  uint64_t magnitude =
      amount_fen < 0 ? 0 - static_cast<uint64_t>(amount_fen) : static_cast<uint64_t>(amount_fen);
  return fmt::format("{}{}.{:02}", amount_fen < 0 ? "-" : "", magnitude / 100, magnitude % 100);
}

std::string format_settlement_report(const SettlementResult& result,
                                     const Participants& participants) {
  std::string report =
      fmt::format("Settlement of {}: {} records, {} accepted{}\n", format_iso_date(result.day),
                  result.record_count, result.accepted_count,
                  result.already_settled ? " (already settled, unchanged)" : "");
  report += fmt::format("{:<8}  {:<20}  {:>17}  {:>17}  {:>15}  {:>18}\n", "code", "name",
                        "receivable CNY", "payable CNY", "fees CNY", "net CNY");
  int64_t receivable = 0, payable = 0, fees = 0, net = 0;
  for (const Position& position : result.positions) {
    report += table_row(format_institution_code(position.participant_code),
                        participant_name(position.participant_code, participants),
                        position.receivable_fen, position.payable_fen, position.fees_fen,
                        position.net_fen);
    receivable += position.receivable_fen;
    payable += position.payable_fen;
    if (position.participant_code != center_code) fees += position.fees_fen;
    net += position.net_fen;
  }
  report += table_row("total", "", receivable, payable, fees, net);
  return report;
}

}  // namespace cityclear::clearing
