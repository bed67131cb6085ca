// The record oracle: the first reason that applies, in the spec's order.
#include <catch2/catch.hpp>

#include "common/local_time.h"
#include "gen/reason_oracle.h"

using namespace cityclear;
using namespace cityclear::gen;

namespace {

struct OracleFixture {
  KeyRing keys;
  DayLimits limits;
  TacOracle oracle;
  int64_t created = *parse_local_timestamp("20261121120000");
  OracleFixture() {
    IssuerKey key;
    key.version = 0x0E;
    key.algorithm = Algorithm::sm4;
    key.mtk.fill(0x42);
    keys.add(31000001, key);
  }
  // A valid record of issuer 31000001 with key 0E/SM4 and a correct TAC.
  Tb1Record good_record() {
    Tb1Record record;
    record.issuer = 31000001;
    record.asn = Asn{31000001, 123456789012ULL};
    record.counter = 7;
    record.balance_before = 5000;
    record.amount = 300;
    record.terminal = 0x3100AA000001ULL;
    record.terminal_serial = 99;
    record.local_time = created - 3600;
    record.algorithm = 0x04;
    record.key_version = 0x0E;
    record.tac = *tac_over_fields(record, keys, oracle);
    return record;
  }
  std::string reason(const Tb1Record& record, bool already_accepted = false) {
    RecordFacts facts{tac_over_fields(record, keys, oracle), already_accepted};
    return reason_code(classify_record(record, created, keys, limits, facts));
  }
};

}  // namespace

TEST_CASE_METHOD(OracleFixture, "gen oracle: one reason each", "[gen][oracle]") {
  Tb1Record record = good_record();
  CHECK(reason(record) == "00");
  CHECK(reason(record, true) == "03");
  Tb1Record grey = record;
  grey.grey = true;
  CHECK(reason(grey, true) == "04");  // a grey duplicate is grey
  Tb1Record unknown_issuer = record;
  unknown_issuer.issuer = 99990001;
  unknown_issuer.amount = 0;
  CHECK(reason(unknown_issuer) == "11");  // amount 0 of an unknown issuer is 11
  Tb1Record other_algorithm = record;
  other_algorithm.algorithm = 0x00;
  CHECK(reason(other_algorithm) == "12");  // version held, algorithm not
  Tb1Record too_much = record;
  too_much.amount = 100001;
  too_much.balance_before = 50;
  CHECK(reason(too_much) == "02");  // 02 before 05
  Tb1Record poor = record;
  poor.amount = 5001;
  CHECK(reason(poor) == "05");
  Tb1Record tampered = record;
  tampered.terminal_serial += 1;
  CHECK(reason(tampered) == "01");
}

TEST_CASE_METHOD(OracleFixture, "gen oracle: the time limits are exclusive", "[gen][oracle]") {
  auto at = [&](int64_t local_time) {
    Tb1Record record = good_record();
    record.local_time = local_time;
    record.tac = *tac_over_fields(record, keys, oracle);
    return reason(record);
  };
  CHECK(at(created + 600) == "00");
  CHECK(at(created + 601) == "07");
  CHECK(at(created - 30 * 86400) == "00");
  CHECK(at(created - 30 * 86400 - 1) == "07");
}
