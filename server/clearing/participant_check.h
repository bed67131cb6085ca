#pragma once
// Every record of a settled day must land in configured participants' files and positions.
//
// The rule, for auditors: an accepted record whose issuer or acquirer is not a configured
// participant cannot be settled correctly: that institution has no CLR1 file and no position,
// and an unknown acquirer has no fee rate. Clearing it anyway would move money to or from a
// party without a settlement account; leaving it out would lose a record without trace. So the
// whole day is refused, with an error naming every unknown institution, its role and how many
// records name it; nothing of the run is stored and the day stays closed (it takes no new
// records). Once the configuration lists the institution, settling again completes the day.
// A rejected record may name an unknown issuer (reason 11 says exactly that) and is listed in
// its acquirer's RJT1 file, so for rejected records only the acquirer must be configured.
#include "clearing/day_totals.h"
#include "clearing/participant_rates.h"
#include "common/local_time.h"

namespace cityclear::clearing {

// Throws UnconfiguredParticipants naming the day and every unknown institution.
void require_configured_participants(const DayTotals& totals, const ParticipantRates& rates,
                                     CivilDate day);

}  // namespace cityclear::clearing
