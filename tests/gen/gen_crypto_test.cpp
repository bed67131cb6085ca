// The generator's own crypto against the spec's vectors and the sample file.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <sstream>

#include "common/hex.h"
#include "common/local_time.h"
#include "gen/file_mac.h"
#include "gen/self_check.h"
#include "gen/support/generated_day.h"
#include "gen/tac_oracle.h"
#include "support/test_paths.h"

using namespace cityclear;
using namespace cityclear::gen;

namespace {

template <size_t N>
std::array<uint8_t, N> bytes_of(const std::string& hex) {
  std::array<uint8_t, N> out{};
  REQUIRE(parse_hex_into(hex, out));
  return out;
}

}  // namespace

TEST_CASE("gen: every TAC vector of tests/data/vectors/tac.json", "[gen][crypto]") {
  auto vectors = nlohmann::json::parse(testing::read_file(testing::vectors_dir() / "tac.json"));
  REQUIRE(vectors["cases"].size() >= 10);
  TacOracle oracle;
  for (const auto& vector : vectors["cases"]) {
    INFO("ASN " << vector["card_asn"].get<std::string>());
    Algorithm algorithm = vector["alg"] == "04" ? Algorithm::sm4 : Algorithm::tdes;
    MasterKey key(algorithm, bytes_of<16>(vector["mtk"]));
    Block8 factor = factor_of_asn(vector["card_asn"].get<std::string>());
    CHECK(to_hex(factor) == vector["factor"]);
    CHECK(to_hex(key.diversify(factor)) == vector["dtk"]);
    TacFields fields;
    fields.amount = vector["amount"].get<uint32_t>();
    fields.transaction_type =
        static_cast<uint8_t>(*parse_hex_number(vector["tx_type"].get<std::string>()));
    fields.terminal = *parse_hex_number(vector["terminal"].get<std::string>());
    fields.terminal_serial =
        static_cast<uint32_t>(*parse_hex_number(vector["terminal_seq"].get<std::string>()));
    fields.local_time = *parse_local_timestamp(vector["time"].get<std::string>());
    CHECK(to_hex(tac_input_of(fields)) == vector["tac_input"]);
    std::array<uint8_t, 4> tac{};
    uint32_t value = oracle.tac(key, factor, fields);
    for (int i = 0; i < 4; ++i) tac[i] = static_cast<uint8_t>(value >> (24 - 8 * i));
    CHECK(to_hex(tac) == vector["tac"]);
  }
}

TEST_CASE("gen: the SM4 standard vector", "[gen][crypto]") {
  Sm4 sm4;
  sm4.set_key(bytes_of<16>("0123456789ABCDEFFEDCBA9876543210"));
  CHECK(to_hex(sm4.encrypt(bytes_of<16>("0123456789ABCDEFFEDCBA9876543210"))) ==
        "681EDF34D206965E86B3E94F536E4246");
  // Re-keying keeps working (the context is re-keyed without fetching the cipher again).
  sm4.set_key(bytes_of<16>("0123456789ABCDEFFEDCBA9876543210"));
  CHECK(to_hex(sm4.encrypt(bytes_of<16>("0123456789ABCDEFFEDCBA9876543210"))) ==
        "681EDF34D206965E86B3E94F536E4246");
}

TEST_CASE("gen: the sample file's MAC with the sample acquirer key", "[gen][crypto]") {
  std::string bytes =
      testing::read_file(testing::samples_dir() / "TB1_33010001_HZ2026112100000001AB.txt");
  auto keys = nlohmann::json::parse(testing::read_file(testing::samples_dir() / "keys.json"));
  size_t trailer = bytes.rfind('\n', bytes.size() - 2) + 1;
  FileKey key = bytes_of<32>(keys["acquirers"]["33010001"]["file_key"]);
  CHECK(file_mac_hex(key, std::string_view(bytes).substr(0, trailer)) ==
        bytes.substr(trailer + 23, 64));
}

TEST_CASE("gen: --self-check passes on the repository's copy of the spec's data", "[gen][crypto]") {
  std::ostringstream out;
  CHECK(run_self_check(test_data_layout(testing::test_data_dir()), out) == 0);
  INFO(out.str());
}
