#include "crypto/support/random_tac_workload.h"

#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "common/hex.h"
#include "crypto/reference_tac.h"

namespace cityclear::crypto::testing {
namespace {

uint8_t random_byte(std::mt19937_64& random) {
  return static_cast<uint8_t>(random());
}

template <size_t Size>
std::array<uint8_t, Size> random_bytes(std::mt19937_64& random) {
  std::array<uint8_t, Size> bytes;
  for (auto& byte : bytes) byte = random_byte(random);
  return bytes;
}

std::string code_text(uint32_t code) {
  char text[9];
  std::snprintf(text, sizeof text, "%08u", code);
  return text;
}

// A request under a key the set does not hold, of a known issuer when `known_issuer`.
TacRequest unknown_key_request(std::mt19937_64& random, const RandomKeySet& keys,
                               bool known_issuer) {
  TacRequest request;
  if (known_issuer) {
    const RandomMasterKey& key = keys.master_keys[random() % keys.master_keys.size()];
    // Versions in the set are 1..3; 0x7F never is.
    request.key = {key.issuer_code, 0x7F, static_cast<uint8_t>(key.algorithm)};
  } else {
    // Issuer codes in the set are below 90000000.
    request.key = {90000000u + static_cast<uint32_t>(random() % 9999999), 1, 0};
  }
  request.factor = random_bytes<8>(random);
  request.input = random_bytes<22>(random);
  request.claimed_tac = static_cast<uint32_t>(random());
  return request;
}

}  // namespace

RandomKeySet make_random_key_set(std::mt19937_64& random, size_t issuer_count) {
  RandomKeySet keys;
  std::set<uint32_t> codes;
  while (codes.size() < issuer_count)
    codes.insert(10000000u + static_cast<uint32_t>(random() % 80000000u));
  for (uint32_t code : codes) {
    std::set<std::pair<uint8_t, Algorithm>> held;
    const size_t key_count = 1 + random() % 3;
    while (held.size() < key_count) {
      const uint8_t version = static_cast<uint8_t>(1 + random() % 3);
      const Algorithm algorithm = random() % 2 == 0 ? Algorithm::triple_des : Algorithm::sm4;
      if (held.insert({version, algorithm}).second) {
        keys.master_keys.push_back({code, version, algorithm, random_bytes<16>(random)});
      }
    }
    keys.file_keys.push_back({code, random_bytes<32>(random)});
  }
  return keys;
}

std::string keys_file_json(const RandomKeySet& keys) {
  nlohmann::json document = {{"issuers", nlohmann::json::object()},
                             {"acquirers", nlohmann::json::object()}};
  for (const RandomMasterKey& key : keys.master_keys) {
    const uint8_t algorithm = static_cast<uint8_t>(key.algorithm);
    document["issuers"][code_text(key.issuer_code)].push_back(
        {{"version", to_hex(std::span(&key.version, 1))},
         {"alg", to_hex(std::span(&algorithm, 1))},
         {"mtk", to_hex(key.master_key)}});
  }
  for (const auto& [code, file_key] : keys.file_keys) {
    document["acquirers"][code_text(code)] = {{"file_key", to_hex(file_key)}};
  }
  return document.dump(1);
}

void write_file(const std::filesystem::path& path, const std::string& text, unsigned mode) {
  {
    std::ofstream file(path, std::ios::binary | std::ios::trunc);
    file << text;
    REQUIRE(file.good());
  }
  REQUIRE(::chmod(path.c_str(), mode) == 0);
}

ExpectedBatch make_random_batch(std::mt19937_64& random, const RandomKeySet& keys, size_t count) {
  ExpectedBatch batch;
  batch.requests.reserve(count);
  batch.verdicts.reserve(count);
  for (size_t i = 0; i < count; ++i) {
    const unsigned kind = static_cast<unsigned>(random() % 100);
    if (kind < 4) {
      batch.requests.push_back(unknown_key_request(random, keys, false));
      batch.verdicts.push_back(TacVerdict::unknown_issuer);
      continue;
    }
    if (kind < 8) {
      batch.requests.push_back(unknown_key_request(random, keys, true));
      batch.verdicts.push_back(TacVerdict::unknown_key);
      continue;
    }
    const RandomMasterKey& key = keys.master_keys[random() % keys.master_keys.size()];
    TacRequest request;
    request.key = {key.issuer_code, key.version, static_cast<uint8_t>(key.algorithm)};
    request.factor = random_bytes<8>(random);
    request.input = random_bytes<22>(random);
    request.claimed_tac =
        reference::compute_tac(key.algorithm, key.master_key.data(), request.factor, request.input);
    TacVerdict verdict = TacVerdict::ok;
    if (random() % 100 < 5) {
      request.claimed_tac ^= uint32_t{1} << (random() % 32);  // a single flipped bit must be caught
      verdict = TacVerdict::mismatch;
    }
    batch.requests.push_back(request);
    batch.verdicts.push_back(verdict);
  }
  return batch;
}

}  // namespace cityclear::crypto::testing
