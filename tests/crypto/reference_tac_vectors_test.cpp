// The OpenSSL reference path against every vector of the spec (tests/data/vectors).
#include <catch2/catch.hpp>

#include "common/hex.h"
#include "crypto/reference_tac.h"
#include "crypto/support/crypto_vectors.h"

namespace crypto = cityclear::crypto;
using crypto::testing::load_block_vectors;
using crypto::testing::load_tac_vectors;

TEST_CASE("reference single DES reproduces des.json des_ecb", "[crypto][reference]") {
  for (const auto& vector : load_block_vectors("des_ecb")) {
    uint8_t out[8];
    crypto::reference::des_encrypt_block(vector.key.data(), vector.plain.data(), out);
    CHECK(cityclear::to_hex(out) == cityclear::to_hex(vector.cipher));
  }
}

TEST_CASE("reference 3DES reproduces des.json tdes_ecb", "[crypto][reference]") {
  for (const auto& vector : load_block_vectors("tdes_ecb")) {
    uint8_t out[8];
    crypto::reference::tdes_encrypt_block(vector.key.data(), vector.plain.data(), out);
    CHECK(cityclear::to_hex(out) == cityclear::to_hex(vector.cipher));
  }
}

TEST_CASE("reference SM4 reproduces des.json sm4_ecb and the standard vector",
          "[crypto][reference]") {
  for (const auto& vector : load_block_vectors("sm4_ecb")) {
    uint8_t out[16];
    crypto::reference::sm4_encrypt_block(vector.key.data(), vector.plain.data(), out);
    CHECK(cityclear::to_hex(out) == cityclear::to_hex(vector.cipher));
  }
}

TEST_CASE("reference diversification and TAC reproduce every TAC vector", "[crypto][reference]") {
  for (const auto& vector : load_tac_vectors()) {
    INFO(vector.name);
    const crypto::CardKey card_key = crypto::reference::derive_card_key(
        vector.algorithm, vector.master_key.data(), vector.factor);
    CHECK(cityclear::to_hex(card_key) == cityclear::to_hex(vector.card_key));
    CHECK(crypto::reference::card_tac(vector.algorithm, vector.card_key, vector.input) ==
          vector.tac);
    CHECK(crypto::reference::compute_tac(vector.algorithm, vector.master_key.data(), vector.factor,
                                         vector.input) == vector.tac);
  }
}
