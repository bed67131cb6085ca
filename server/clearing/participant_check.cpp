#include "clearing/participant_check.h"

#include <map>
#include <string>
#include <utility>

#include "clearing/unconfigured_participants.h"
#include "config/participants.h"

namespace cityclear::clearing {

void require_configured_participants(const DayTotals& totals, const ParticipantRates& rates,
                                     CivilDate day) {
  // (role, code) -> records naming it in that role
  std::map<std::pair<std::string, uint32_t>, int64_t> unknown;
  for (const PairTotals& group : totals.groups()) {
    if (!rates.index_of(group.acquirer_code))
      unknown[{"acquirer", group.acquirer_code}] += group.record_count;
    if (group.accepted && !rates.index_of(group.issuer_code))
      unknown[{"issuer", group.issuer_code}] += group.record_count;
  }
  if (unknown.empty()) return;
  std::string list;
  for (const auto& [role_and_code, count] : unknown) {
    if (!list.empty()) list += ", ";
    list += role_and_code.first + " " + format_institution_code(role_and_code.second) + " (" +
            std::to_string(count) + (count == 1 ? " record)" : " records)");
  }
  throw UnconfiguredParticipants(
      "clearing day " + format_iso_date(day) +
      " cannot be settled: its records name institutions that are not configured "
      "participants: " +
      list + "; add them to the participants file, then settle again");
}

}  // namespace cityclear::clearing
