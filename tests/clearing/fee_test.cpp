#include <catch2/catch.hpp>

#include "clearing/fee.h"

using cityclear::clearing::fee_fen;

TEST_CASE("fee rounds half a fen up and less than half down", "[clearing][fee]") {
  CHECK(fee_fen(200, 25) == 1);   // 0.5 fen
  CHECK(fee_fen(199, 25) == 0);   // 0.4975 fen
  CHECK(fee_fen(1875, 40) == 8);  // 7.5 fen
  CHECK(fee_fen(1874, 40) == 7);  // 7.496 fen
  CHECK(fee_fen(4321, 25) == 11);
  CHECK(fee_fen(100000, 30) == 300);
}

TEST_CASE("fee at the limits of rate and amount", "[clearing][fee]") {
  CHECK(fee_fen(0, 30) == 0);
  CHECK(fee_fen(123456, 0) == 0);
  CHECK(fee_fen(123456, 10000) == 123456);
  CHECK(fee_fen(4294967295LL, 10000) == 4294967295LL);
  CHECK(fee_fen(4294967295LL, 1) == 429497);  // 429496.7295 -> 429497
}
