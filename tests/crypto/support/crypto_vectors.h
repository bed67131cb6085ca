#pragma once
// The spec's worked examples (tests/data/vectors: tac.json and des.json), parsed for the tests.
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "crypto/key_provider.h"
#include "crypto/tac_request.h"

namespace cityclear::crypto::testing {

struct TacVector {
  std::string name;
  Algorithm algorithm;
  std::array<uint8_t, 16> master_key;
  DiversificationFactor factor;
  CardKey card_key;
  TacInput input;
  uint32_t tac;
};

struct BlockVector {
  std::vector<uint8_t> key;
  std::vector<uint8_t> plain;
  std::vector<uint8_t> cipher;
};

// Every case of tac.json plus des.json's diversify_3des_then_tac. The factors and TAC inputs
// are checked (by REQUIREs) to follow from the cases' ASN and field values where given.
std::vector<TacVector> load_tac_vectors();
// des.json's section "des_ecb", "tdes_ecb" or "sm4_ecb", plus for "sm4_ecb" the standard
// vector quoted in crypto.md.
std::vector<BlockVector> load_block_vectors(const std::string& section);

std::vector<uint8_t> bytes_of_hex(const std::string& hex);

}  // namespace cityclear::crypto::testing
