// Field widths of the TB1 and settlement lines the generator writes.
#include <catch2/catch.hpp>

#include "common/local_time.h"
#include "gen/settlement_lines.h"
#include "gen/tb1_format.h"
#include "gen/tb1_parser.h"

using namespace cityclear;
using namespace cityclear::gen;

TEST_CASE("gen lines: a TB1 detail round-trips through its 121 characters", "[gen][lines]") {
  Tb1Record record;
  record.sequence = 12;
  record.transaction_type = 0x09;
  record.issuer = 52010001;
  record.asn = Asn{52010001, 777};
  record.card_type = 2;
  record.counter = 65535;
  record.balance_before = 4294967295U;
  record.amount = 1;
  record.terminal = 0x3301AA000001ULL;
  record.terminal_serial = 0xFFFFFFFFU;
  record.local_time = *parse_local_timestamp("20261121235959");
  record.algorithm = 0x04;
  record.key_version = 0xFE;
  record.tac = 0x0000ABCD;
  record.grey = true;
  std::string line = tb1_detail_line(record);
  REQUIRE(line.size() == 122);
  CHECK(line ==
        "D000000120952010001520100010000000007770265535429496729500000000013301AA000001FFFFFFFF2026"
        "112123595904FE"
        "0000ABCD100000000\n");
  auto parsed = parse_tb1_detail(std::string_view(line).substr(0, 121));
  REQUIRE(parsed.has_value());
  CHECK(tb1_detail_line(*parsed) == line);
}

TEST_CASE("gen lines: header and trailer widths", "[gen][lines]") {
  std::string header = tb1_header_line("HZ2026112100000001AB", 33010001,
                                       *parse_local_timestamp("20261121084000"), 11);
  CHECK(header == "HTB1HZ2026112100000001AB330100012026112108400000000011\n");
  std::string trailer = tb1_trailer_line(11, 7350, std::string(64, 'A'));
  CHECK(trailer == "T0000001100000000007350" + std::string(64, 'A') + "\n");
}

TEST_CASE("gen lines: settlement lines", "[gen][lines]") {
  CHECK(signed_15(0) == "+00000000000000");
  CHECK(signed_15(-137195) == "-00000000137195");
  AcceptedEntry entry;
  entry.issuer = 31000001;
  entry.asn_prefix = 31000001;
  entry.asn_serial = 101;
  entry.counter = 10;
  entry.transaction_type = 0x06;
  entry.amount = 200;
  entry.local_time = *parse_local_timestamp("20261121083000");
  entry.sequence = 1;
  entry.terminal = 0x3301AA000001ULL;
  entry.terminal_serial = 0x3E9;
  std::string detail = clr_detail('A', 31000001, entry, 1, "HZ2026112100000001AB");
  CHECK(detail ==
        "DA310000013100000131000001000000000101000100600000002000000000001"
        "20261121083000HZ2026112100000001AB000000013301AA000001000003E9\n");
  CHECK(detail.size() == 128);
  Position position{33010001, 200, 0, 1, 199};
  CHECK(clr_trailer_fields(1, position) == std::string("T") + "00000001" + "00000000000200" +
                                               "00000000000000" + "00000000000001" +
                                               "+00000000000199");
  CHECK(stl_detail(position) == std::string("D") + "33010001" + "00000000000200" +
                                    "00000000000000" + "00000000000001" + "+00000000000199\n");
  CHECK(stl_header("20261121", 4) == "HSTL12026112100000004\n");
  CHECK(rjt_trailer_fields(3) == "T00000003");
  CHECK(clr_header(33010001, "20261121", 2) == "HCLR1330100012026112100000002\n");
}
