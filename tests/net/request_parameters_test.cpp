#include <catch2/catch.hpp>

#include "net/request_parameters.h"

using namespace cityclear;
using namespace cityclear::net;

TEST_CASE("batch ids are 20 characters 0-9 A-Z", "[parameters]") {
  CHECK(is_batch_id("HZ2026112100000001AB"));
  CHECK_FALSE(is_batch_id("hz2026112100000001AB"));
  CHECK_FALSE(is_batch_id("HZ2026112100000001A"));
  CHECK_FALSE(is_batch_id("HZ2026112100000001AB1"));
}

TEST_CASE("settlement file names of clearing.md are recognised", "[parameters]") {
  auto clr = parse_settlement_file_name("CLR_31000001_20261121.txt");
  REQUIRE(clr);
  CHECK(clr->kind == "CLR1");
  CHECK(clr->participant_code == 31000001u);
  CHECK(clr->day == CivilDate{2026, 11, 21});
  auto rjt = parse_settlement_file_name("RJT_33010001_20261121.txt");
  REQUIRE(rjt);
  CHECK(rjt->kind == "RJT1");
  auto stl = parse_settlement_file_name("STL_20261121.txt");
  REQUIRE(stl);
  CHECK(stl->kind == "STL1");
  CHECK_FALSE(stl->participant_code);
  for (const char* bad :
       {"STL_20261131.txt", "CLR_3100000_20261121.txt", "CLR_31000001_20261121.csv",
        "XYZ_31000001_20261121.txt", "CLR_31000001-20261121.txt", "../STL_20261121.txt", ""}) {
    INFO(bad);
    CHECK_FALSE(parse_settlement_file_name(bad));
  }
}
