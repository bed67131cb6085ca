#include <catch2/catch.hpp>

#include "clearing/record_tally.h"
#include "clearing/support/record_fixture.h"
#include "common/local_time.h"
#include "support/test_paths.h"

using namespace cityclear::clearing;

TEST_CASE(
    "the tally of records equals DayTotals::add_record over them, unconfigured codes included",
    "[clearing][tally]") {
  auto rates = ParticipantRates::from_participants(testing::small_day_participants());
  auto records = testing::read_record_file(cityclear::testing::test_data_dir() / "clearing" /
                                           "small_day" / "records.txt");
  auto time = *cityclear::parse_local_timestamp("20261121101010");
  records.push_back(testing::make_record(0, "HZ2026112100000003AB", 33010001, 1, 81000001,
                                         "81000001000000000001", 1, 500, time));
  records.push_back(testing::make_record(0, "XX2026112100000003AB", 82000001, 1, 31000001,
                                         "31000001000000000099", 1, 500, time));
  records.push_back(testing::make_record(7, "XX2026112100000003AB", 82000001, 2, 31000001,
                                         "31000001000000000098", 1, 300, time));
  RecordTally tally(rates);
  DayTotals expected;
  for (const auto& record : records) {
    tally.add(record);
    expected.add_record(record, rates);
  }
  CHECK(tally.totals() == expected);
  CHECK(tally.totals().figures() == expected.figures());
}
