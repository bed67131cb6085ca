#pragma once
// Random keys and TAC requests for differential tests, with the verdicts the OpenSSL reference
// path gives them (an oracle independent of the bulk kernels and of the key table).
#include <array>
#include <cstdint>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "crypto/tac_request.h"

namespace cityclear::crypto::testing {

struct RandomMasterKey {
  uint32_t issuer_code;
  uint8_t version;
  Algorithm algorithm;
  std::array<uint8_t, 16> master_key;
};

struct RandomKeySet {
  std::vector<RandomMasterKey> master_keys;
  std::vector<std::pair<uint32_t, std::array<uint8_t, 32>>> file_keys;
};

struct ExpectedBatch {
  std::vector<TacRequest> requests;
  std::vector<TacVerdict> verdicts;
};

// `issuer_count` issuers with 1 to 3 keys each, of either algorithm, some sharing a version
// number between algorithms; one file key per issuer (as acquirer).
RandomKeySet make_random_key_set(std::mt19937_64& random, size_t issuer_count);
// The keys file text of the set (shared/spec/interfaces.md shape).
std::string keys_file_json(const RandomKeySet& keys);
// Writes text to path with the given permission bits.
void write_file(const std::filesystem::path& path, const std::string& text, unsigned mode = 0600);

// `count` requests: ~92% under known keys (~5% of those with a corrupted claimed TAC), ~4% of
// unknown issuers, ~4% of known issuers under a version or algorithm they lack.
ExpectedBatch make_random_batch(std::mt19937_64& random, const RandomKeySet& keys, size_t count);

}  // namespace cityclear::crypto::testing
