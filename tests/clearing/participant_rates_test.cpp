#include <catch2/catch.hpp>

#include "clearing/participant_rates.h"
#include "common/hex.h"
#include "common/sha256.h"

using namespace cityclear::clearing;

TEST_CASE("rates are looked up by code and fingerprinted canonically", "[clearing][rates]") {
  ParticipantRates rates({{52010001, 40, "Guiyang"}, {31000001, 30, "Shanghai"}});
  REQUIRE(rates.size() == 2);
  CHECK(rates.all()[0].code == 31000001);
  CHECK(rates.index_of(52010001) == 1u);
  CHECK_FALSE(rates.index_of(33010001).has_value());
  CHECK(cityclear::to_hex(rates.fingerprint()) ==
        cityclear::sha256_hex("31000001 00030\n52010001 00040\n"));
}

TEST_CASE("every configured code is found among many, and no other", "[clearing][rates]") {
  std::vector<ParticipantRate> list;
  for (uint32_t index = 0; index < 700; ++index) {
    list.push_back({10000001 + index * 100003, static_cast<int>(index % 51), ""});
  }
  ParticipantRates rates(list);
  for (size_t index = 0; index < rates.size(); ++index)
    CHECK(rates.index_of(rates.all()[index].code) == index);
  for (uint32_t index = 0; index < 700; ++index)
    CHECK_FALSE(rates.index_of(10000002 + index * 100003).has_value());
  CHECK_FALSE(rates.index_of(0).has_value());
  CHECK_FALSE(rates.index_of(99999999).has_value());
}
