#include "clearing/day_totals_query.h"

#include "clearing/settlement_sql.h"

namespace cityclear::clearing {

DayTotals query_day_totals(pqxx::dbtransaction& transaction, CivilDate day,
                           const ParticipantRates& rates) {
  std::string codes =
      array_literal(rates.all(), [](const ParticipantRate& rate) { return rate.code; });
  std::string fee_rates =
      array_literal(rates.all(), [](const ParticipantRate& rate) { return rate.fee_bps; });
  transaction.exec0(sql::no_sorting);
  pqxx::result rows =
      transaction.exec_params(sql::select_day_totals, format_iso_date(day), codes, fee_rates);
  transaction.exec0(sql::allow_sorting);
  DayTotals totals;
  for (const auto& row : rows) {
    PairTotals group;
    group.accepted = row[0].as<int>() == accepted_reason;
    group.acquirer_code = row[1].as<uint32_t>();
    group.issuer_code =
        group.accepted ? row[2].as<uint32_t>() : 0;  // rejected: one group per acquirer
    group.record_count = row[3].as<int64_t>();
    group.amount_fen = row[4].as<int64_t>();
    group.fees_fen = row[5].as<int64_t>();
    totals.add(group);
  }
  return totals;
}

}  // namespace cityclear::clearing
