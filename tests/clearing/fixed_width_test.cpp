#include <catch2/catch.hpp>

#include <string>

#include "clearing/fixed_width.h"
#include "clearing/timestamp_field.h"
#include "common/local_time.h"

using namespace cityclear::clearing;

TEST_CASE("decimal, signed and hex fields are zero-padded to their width", "[clearing][format]") {
  std::string field(10, '?');
  write_decimal_field(field.data(), 10, 4294967295ULL);
  CHECK(field == "4294967295");
  write_decimal_field(field.data(), 10, 7);
  CHECK(field == "0000000007");
  std::string figure(15, '?');
  write_signed_figure(figure.data(), 0);
  CHECK(figure == "+00000000000000");
  write_signed_figure(figure.data(), -102167);
  CHECK(figure == "-00000000102167");
  write_signed_figure(figure.data(), 99999999999999);
  CHECK(figure == "+99999999999999");
  std::string hex(12, '?');
  write_hex_field(hex.data(), 12, 0x3301000000A1);
  CHECK(hex == "3301000000A1");
  write_hex_field(hex.data(), 8, 0x1F);
  CHECK(hex.substr(0, 8) == "0000001F");
}

TEST_CASE("timestamps are written as local YYYYMMDDhhmmss across days", "[clearing][format]") {
  TimestampField field;
  std::string text(14, '?');
  for (const char* sample :
       {"20261121083000", "20261120235959", "20261121000000", "20240229120102", "20261121235959"}) {
    field.write(*cityclear::parse_local_timestamp(sample), text.data());
    CHECK(text == sample);
  }
}
