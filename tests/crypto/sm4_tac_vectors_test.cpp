// The SM4 cases of tests/data/vectors/tac.json on every SM4 bulk kernel this CPU can run.
#include <array>
#include <catch2/catch.hpp>
#include <cstdint>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "common/hex.h"
#include "crypto/sm4_bulk.h"
#include "crypto/sm4_kernels.h"
#include "support/test_paths.h"

namespace {

using namespace cityclear::crypto;

struct TacCase {
  std::array<uint8_t, 16> master_key{};
  DiversificationFactor factor{};
  std::array<uint8_t, 16> card_key{};
  TacInput input{};
  uint32_t tac = 0;
};

template <size_t size>
std::array<uint8_t, size> bytes_from_hex(const nlohmann::json& text) {
  std::array<uint8_t, size> bytes{};
  REQUIRE(cityclear::parse_hex_into(text.get<std::string>(), bytes));
  return bytes;
}

std::vector<TacCase> sm4_cases() {
  std::ifstream file(cityclear::testing::vectors_dir() / "tac.json");
  REQUIRE(file.good());
  const nlohmann::json document = nlohmann::json::parse(file);
  std::vector<TacCase> cases;
  for (const auto& entry : document.at("cases")) {
    if (entry.at("alg") != "04") continue;
    TacCase tac_case;
    tac_case.master_key = bytes_from_hex<16>(entry.at("mtk"));
    tac_case.factor = bytes_from_hex<8>(entry.at("factor"));
    tac_case.card_key = bytes_from_hex<16>(entry.at("dtk"));
    tac_case.input = bytes_from_hex<22>(entry.at("tac_input"));
    const auto tac = cityclear::parse_hex_number(entry.at("tac").get<std::string>());
    REQUIRE(tac.has_value());
    tac_case.tac = static_cast<uint32_t>(*tac);
    cases.push_back(tac_case);
  }
  REQUIRE(cases.size() >= 6);
  return cases;
}

using BulkKernel = std::function<void(const Sm4MasterKey* const*, const DiversificationFactor*,
                                      const TacInput*, uint32_t*, size_t)>;

struct NamedKernel {
  std::string name;
  bool available;
  BulkKernel run;
};

std::vector<NamedKernel> all_kernels() {
  auto avx2 = [](Sm4AesInstruction instruction) -> BulkKernel {
    return [instruction](auto... arguments) { sm4_bulk_tacs_avx2(instruction, arguments...); };
  };
  auto dispatched = [](SimdPath path) -> BulkKernel {
    return [path](auto... arguments) { sm4_bulk_tacs(path, arguments...); };
  };
  return {
      {"portable kernel", true, sm4_bulk_tacs_portable},
      {"avx2 kernel, vaes", sm4_avx2_kernel_available(Sm4AesInstruction::vaes_256),
       avx2(Sm4AesInstruction::vaes_256)},
      {"avx2 kernel, aes-ni", sm4_avx2_kernel_available(Sm4AesInstruction::aesni_128),
       avx2(Sm4AesInstruction::aesni_128)},
      {"sm4_bulk_tacs(portable)", true, dispatched(SimdPath::portable)},
      {"sm4_bulk_tacs(avx2)", simd_path_available(SimdPath::avx2), dispatched(SimdPath::avx2)},
  };
}

}  // namespace

TEST_CASE("SM4 diversification reproduces the DTKs of tac.json", "[sm4][vectors]") {
  for (const TacCase& tac_case : sm4_cases()) {
    std::array<uint8_t, 16> block{};
    for (int i = 0; i < 8; ++i) {
      block[i] = tac_case.factor[i];
      block[i + 8] = static_cast<uint8_t>(~tac_case.factor[i]);
    }
    std::array<uint8_t, 16> card_key{};
    sm4_encrypt_block(tac_case.master_key.data(), block.data(), card_key.data());
    CHECK(cityclear::to_hex(card_key) == cityclear::to_hex(tac_case.card_key));
  }
}

TEST_CASE("SM4 bulk kernels reproduce the TACs of tac.json", "[sm4][vectors]") {
  const std::vector<TacCase> cases = sm4_cases();
  // The cases repeated 9 times: full batches, single vectors and a partial tail all get used.
  std::vector<Sm4MasterKey> prepared;
  for (const TacCase& tac_case : cases)
    prepared.push_back(sm4_prepare_master_key(tac_case.master_key.data()));
  std::vector<const Sm4MasterKey*> masters;
  std::vector<DiversificationFactor> factors;
  std::vector<TacInput> inputs;
  std::vector<uint32_t> expected;
  for (int repeat = 0; repeat < 9; ++repeat) {
    for (size_t i = 0; i < cases.size(); ++i) {
      masters.push_back(&prepared[i]);
      factors.push_back(cases[i].factor);
      inputs.push_back(cases[i].input);
      expected.push_back(cases[i].tac);
    }
  }
  for (const NamedKernel& kernel : all_kernels()) {
    if (!kernel.available) {
      WARN("SKIP: this CPU cannot run the " << kernel.name);
      continue;
    }
    INFO(kernel.name);
    for (size_t count : {size_t{1}, cases.size(), expected.size()}) {
      INFO("count " << count);
      std::vector<uint32_t> tacs(count, 0);
      kernel.run(masters.data(), factors.data(), inputs.data(), tacs.data(), count);
      for (size_t i = 0; i < count; ++i) CHECK(tacs[i] == expected[i]);
    }
  }
}
