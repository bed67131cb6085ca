#include <catch2/catch.hpp>

#include "clearing/settle_report.h"
#include "clearing/support/record_fixture.h"

using namespace cityclear::clearing;

TEST_CASE("yuan are formatted from integer fen", "[clearing][report]") {
  CHECK(format_yuan(0) == "0.00");
  CHECK(format_yuan(5) == "0.05");
  CHECK(format_yuan(-5) == "-0.05");
  CHECK(format_yuan(99301) == "993.01");
  CHECK(format_yuan(-102167) == "-1021.67");
  CHECK(format_yuan(INT64_MIN) == "-92233720368547758.08");
}

TEST_CASE("the summary table lists the center, every participant and the totals",
          "[clearing][report]") {
  SettlementResult result;
  result.day = {2026, 11, 21};
  result.record_count = 13;
  result.accepted_count = 9;
  result.positions = {{0, 0, 0, 325, 325},
                      {31000001, 100000, 399, 300, 99301},
                      {33010001, 4720, 106875, 12, -102167},
                      {44030001, 5000, 1234, 0, 3766},
                      {52010001, 3109, 4321, 13, -1225},
                      {61010001, 0, 0, 0, 0}};
  std::string report = format_settlement_report(result, testing::small_day_participants());
  std::string expected =
      "Settlement of 2026-11-21: 13 records, 9 accepted\n"
      "code      name                     receivable CNY        payable CNY         fees CNY       "
      "      net CNY\n"
      "00000000  clearing center                    0.00               0.00             3.25       "
      "         3.25\n"
      "31000001  Shanghai                        1000.00               3.99             3.00       "
      "       993.01\n"
      "33010001  Hangzhou                          47.20            1068.75             0.12       "
      "     -1021.67\n"
      "44030001  Shenzhen                          50.00              12.34             0.00       "
      "        37.66\n"
      "52010001  Guiyang                           31.09              43.21             0.13       "
      "       -12.25\n"
      "61010001  Xian                               0.00               0.00             0.00       "
      "         0.00\n"
      "total                                     1128.29            1128.29             3.25       "
      "         0.00\n";
  CHECK(report == expected);
}
