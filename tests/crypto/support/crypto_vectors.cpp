#include "crypto/support/crypto_vectors.h"

#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>

#include "common/bcd.h"
#include "common/hex.h"
#include "support/test_paths.h"

namespace cityclear::crypto::testing {
namespace {

nlohmann::json read_vector_file(const std::string& name) {
  std::ifstream file(cityclear::testing::vectors_dir() / name);
  REQUIRE(file.good());
  return nlohmann::json::parse(file);
}

template <size_t Size>
std::array<uint8_t, Size> fixed_bytes(const std::string& hex) {
  std::array<uint8_t, Size> bytes{};
  REQUIRE(parse_hex_into(hex, bytes));
  return bytes;
}

// The 22 TAC input bytes from a case's fields, to check the case's own tac_input.
TacInput input_of_fields(const nlohmann::json& entry) {
  TacInput input{};
  const uint32_t amount = entry.at("amount").get<uint32_t>();
  for (int i = 0; i < 4; ++i) input[i] = static_cast<uint8_t>(amount >> (24 - 8 * i));
  input[4] = fixed_bytes<1>(entry.at("tx_type").get<std::string>())[0];
  const auto terminal = fixed_bytes<6>(entry.at("terminal").get<std::string>());
  std::copy(terminal.begin(), terminal.end(), input.begin() + 5);
  const auto serial = fixed_bytes<4>(entry.at("terminal_seq").get<std::string>());
  std::copy(serial.begin(), serial.end(), input.begin() + 11);
  const std::string time = entry.at("time").get<std::string>();
  REQUIRE(time.size() == 14);
  pack_bcd(time, std::span<uint8_t>(input.data() + 15, 7));
  return input;
}

TacVector vector_of_entry(const nlohmann::json& entry, const std::string& name) {
  TacVector vector;
  vector.name = name;
  const std::string algorithm = entry.value("alg", std::string("00"));
  vector.algorithm = algorithm == "04" ? Algorithm::sm4 : Algorithm::triple_des;
  vector.master_key = fixed_bytes<16>(entry.at("mtk").get<std::string>());
  vector.factor = fixed_bytes<8>(entry.at("factor").get<std::string>());
  vector.card_key = fixed_bytes<16>(entry.at("dtk").get<std::string>());
  vector.input = fixed_bytes<22>(entry.at("tac_input").get<std::string>());
  vector.tac = static_cast<uint32_t>(*parse_hex_number(entry.at("tac").get<std::string>()));
  if (entry.contains("card_asn")) {
    const std::string asn = entry.at("card_asn").get<std::string>();
    REQUIRE(asn.size() == 20);
    DiversificationFactor factor{};
    pack_bcd(std::string_view(asn).substr(4), factor);
    INFO(name);
    CHECK(factor == vector.factor);
  }
  if (entry.contains("amount")) {
    INFO(name);
    CHECK(input_of_fields(entry) == vector.input);
  }
  return vector;
}

}  // namespace

std::vector<uint8_t> bytes_of_hex(const std::string& hex) {
  auto bytes = parse_hex(hex);
  REQUIRE(bytes.has_value());
  return *bytes;
}

std::vector<TacVector> load_tac_vectors() {
  std::vector<TacVector> vectors;
  const nlohmann::json tac = read_vector_file("tac.json");
  for (size_t i = 0; i < tac.at("cases").size(); ++i) {
    vectors.push_back(vector_of_entry(tac.at("cases")[i], "tac.json case " + std::to_string(i)));
  }
  const nlohmann::json des = read_vector_file("des.json");
  for (size_t i = 0; i < des.at("diversify_3des_then_tac").size(); ++i) {
    vectors.push_back(vector_of_entry(des.at("diversify_3des_then_tac")[i],
                                      "des.json diversify_3des_then_tac " + std::to_string(i)));
  }
  REQUIRE(vectors.size() >= 14);
  return vectors;
}

std::vector<BlockVector> load_block_vectors(const std::string& section) {
  std::vector<BlockVector> vectors;
  const nlohmann::json des = read_vector_file("des.json");  // outlives the loop below
  for (const auto& entry : des.at(section)) {
    vectors.push_back({bytes_of_hex(entry.at("key")), bytes_of_hex(entry.at("plain")),
                       bytes_of_hex(entry.at("cipher"))});
  }
  if (section == "sm4_ecb") {
    vectors.push_back({bytes_of_hex("0123456789ABCDEFFEDCBA9876543210"),
                       bytes_of_hex("0123456789ABCDEFFEDCBA9876543210"),
                       bytes_of_hex("681EDF34D206965E86B3E94F536E4246")});
  }
  REQUIRE(!vectors.empty());
  return vectors;
}

}  // namespace cityclear::crypto::testing
