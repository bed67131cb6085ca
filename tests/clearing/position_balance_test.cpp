#include <catch2/catch.hpp>

#include "clearing/position_balance.h"

using namespace cityclear::clearing;

TEST_CASE("balanced positions pass, every broken rule is named", "[clearing][positions]") {
  std::vector<Position> positions = {
      {0, 0, 0, 13, 13}, {31000001, 1000, 0, 3, 997}, {33010001, 500, 1500, 10, -1010}};
  CHECK(position_balance_problem(positions).empty());
  auto broken = positions;
  broken[1].net_fen += 1;
  CHECK(position_balance_problem(broken).find("net != receivable") != std::string::npos);
  broken = positions;
  broken[0].fees_fen += 1;
  broken[0].net_fen += 1;
  CHECK_FALSE(position_balance_problem(broken).empty());
  broken = positions;
  broken[2].payable_fen -= 1;
  broken[2].net_fen += 1;
  CHECK(position_balance_problem(broken) == "receivables do not equal payables");
  CHECK_FALSE(position_balance_problem({}).empty());
}
