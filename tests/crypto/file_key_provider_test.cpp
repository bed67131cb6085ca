// The file-backed KeyProvider on the sample keys: single-record operations equal the reference,
// verify_tacs gives every verdict, and a forced SIMD path is used.
#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <string>

#include "common/hex.h"
#include "crypto/file_key_provider.h"
#include "crypto/reference_tac.h"
#include "support/test_paths.h"

namespace crypto = cityclear::crypto;

namespace {

std::filesystem::path sample_keys_copy(const std::string& name) {
  const auto path = cityclear::testing::scratch_dir(name) / "keys.json";
  std::filesystem::copy_file(cityclear::testing::samples_dir() / "keys.json", path);
  REQUIRE(::chmod(path.c_str(), 0600) == 0);
  return path;
}

std::array<uint8_t, 16> master_key_of(const std::string& hex) {
  std::array<uint8_t, 16> key{};
  REQUIRE(cityclear::parse_hex_into(hex, key));
  return key;
}

crypto::TacRequest request_for(crypto::KeyId key, uint8_t seed) {
  crypto::TacRequest request;
  request.key = key;
  for (size_t i = 0; i < request.factor.size(); ++i)
    request.factor[i] = static_cast<uint8_t>(seed + i);
  for (size_t i = 0; i < request.input.size(); ++i)
    request.input[i] = static_cast<uint8_t>(seed * 3 + i);
  return request;
}

}  // namespace

TEST_CASE("verdict names are the spec's", "[crypto][provider]") {
  CHECK(std::string(crypto::verdict_name(crypto::TacVerdict::ok)) == "OK");
  CHECK(std::string(crypto::verdict_name(crypto::TacVerdict::mismatch)) == "MISMATCH");
  CHECK(std::string(crypto::verdict_name(crypto::TacVerdict::unknown_issuer)) == "UNKNOWN_ISSUER");
  CHECK(std::string(crypto::verdict_name(crypto::TacVerdict::unknown_key)) == "UNKNOWN_KEY");
}

TEST_CASE("file key provider derives card keys and TACs as the reference does",
          "[crypto][provider]") {
  const auto provider = crypto::load_file_key_provider(sample_keys_copy("crypto_provider_single"));
  const crypto::KeyId tdes_key{33010001, 0x01, 0x00}, sm4_key{33010001, 0x02, 0x04};
  const auto tdes_master = master_key_of("27A0AEB3FEE9232F8AF2211F9EE491C5");
  const auto sm4_master = master_key_of("B10BECB5563BFC1E6F93427ECBC8FE29");
  const auto request = request_for(tdes_key, 7);
  CHECK(provider->derive_card_key(tdes_key, request.factor) ==
        crypto::reference::derive_card_key(crypto::Algorithm::triple_des, tdes_master.data(),
                                           request.factor));
  CHECK(provider->derive_card_key(sm4_key, request.factor) ==
        crypto::reference::derive_card_key(crypto::Algorithm::sm4, sm4_master.data(),
                                           request.factor));
  CHECK(provider->compute_tac(request) ==
        crypto::reference::compute_tac(crypto::Algorithm::triple_des, tdes_master.data(),
                                       request.factor, request.input));
  CHECK_FALSE(provider->derive_card_key({33010001, 0x03, 0x00}, request.factor).has_value());
  CHECK_FALSE(provider->compute_tac(request_for({44000001, 0x01, 0x00}, 1)).has_value());
}

TEST_CASE("verify_tacs gives OK, MISMATCH, UNKNOWN_ISSUER and UNKNOWN_KEY on every path",
          "[crypto][provider]") {
  const auto keys_file = sample_keys_copy("crypto_provider_verify");
  for (crypto::SimdPath path : {crypto::SimdPath::portable, crypto::SimdPath::avx2}) {
    if (!crypto::simd_path_available(path)) {
      WARN("SIMD path " << crypto::simd_path_name(path) << " not on this CPU: skipped");
      continue;
    }
    const auto provider = crypto::load_file_key_provider(keys_file, {path});
    CHECK(provider->simd_path() == path);
    std::vector<crypto::TacRequest> requests = {
        request_for({31000001, 0x01, 0x00}, 1), request_for({31000001, 0x02, 0x04}, 2),
        request_for({52010001, 0x01, 0x00}, 3), request_for({52010001, 0x02, 0x04}, 4),
        request_for({44000001, 0x01, 0x00}, 5), request_for({31000001, 0x02, 0x00}, 6),
        request_for({31000001, 0x07, 0x04}, 7)};
    for (auto& request : requests) request.claimed_tac = provider->compute_tac(request).value_or(0);
    requests[2].claimed_tac ^= 0x80000000u;
    requests[3].claimed_tac ^= 0x00000001u;
    std::vector<crypto::TacVerdict> verdicts(requests.size());
    provider->verify_tacs(requests, verdicts);
    using crypto::TacVerdict;
    CHECK(verdicts == std::vector<TacVerdict>{TacVerdict::ok, TacVerdict::ok, TacVerdict::mismatch,
                                              TacVerdict::mismatch, TacVerdict::unknown_issuer,
                                              TacVerdict::unknown_key, TacVerdict::unknown_key});
    provider->verify_tacs({}, {});  // an empty batch is fine
  }
}
