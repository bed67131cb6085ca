#pragma once
// The set-based side of the cross-check: the day's totals by one GROUP BY over its records, with
// fees rounded per record in SQL, independently of the C++ fee rule. Hash aggregation is forced
// for this query (sql::no_sorting), whatever the partition's statistics.
#include <pqxx/dbtransaction>
#include <pqxx/result>

#include "clearing/day_totals.h"
#include "clearing/participant_rates.h"
#include "common/local_time.h"

namespace cityclear::clearing {

DayTotals query_day_totals(pqxx::dbtransaction& transaction, CivilDate day,
                           const ParticipantRates& rates);

// "{1,2,3}": a PostgreSQL array literal of numbers, passed as a parameter value.
template <typename Numbers, typename Projection>
std::string array_literal(const Numbers& numbers, Projection projection) {
  std::string text = "{";
  for (const auto& item : numbers) {
    if (text.size() > 1) text += ',';
    text += std::to_string(projection(item));
  }
  return text + "}";
}

}  // namespace cityclear::clearing
