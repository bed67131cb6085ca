#include "docs/support/tac_steps.h"

#include <cstring>
#include <vector>

#include "common/hex.h"
#include "crypto/reference_tac.h"

namespace cityclear::testing {
namespace {

using Bytes = std::vector<uint8_t>;

std::string hex_of(const uint8_t* bytes, size_t size) {
  return to_hex(std::span<const uint8_t>(bytes, size));
}

Bytes bytes_of_hex(const std::string& hex) {
  Bytes bytes;
  for (size_t i = 0; i + 1 < hex.size(); i += 2)
    bytes.push_back(static_cast<uint8_t>(std::stoi(hex.substr(i, 2), nullptr, 16)));
  return bytes;
}

// The CBC-MAC chain over the padded input: cbc_in_N and cbc_out_N for every block.
void add_cbc_steps(bool triple_des, const uint8_t* key, const Bytes& padded,
                   std::map<std::string, std::string>& steps) {
  const size_t block_size = triple_des ? 8 : 16;
  uint8_t chain[16] = {0};
  for (size_t offset = 0, block = 1; offset < padded.size(); offset += block_size, ++block) {
    for (size_t i = 0; i < block_size; ++i) chain[i] ^= padded[offset + i];
    steps["cbc_in_" + std::to_string(block)] = hex_of(chain, block_size);
    if (triple_des) {
      crypto::reference::des_encrypt_block(key, chain, chain);
    } else {
      crypto::reference::sm4_encrypt_block(key, chain, chain);
    }
    steps["cbc_out_" + std::to_string(block)] = hex_of(chain, block_size);
  }
}

void add_triple_des_halves(const Bytes& master_key, const crypto::TacRequest& request,
                           std::map<std::string, std::string>& steps) {
  uint8_t inverted[8], left[8], right[8];
  for (int i = 0; i < 8; ++i) inverted[i] = static_cast<uint8_t>(~request.factor[i]);
  crypto::reference::tdes_encrypt_block(master_key.data(), request.factor.data(), left);
  crypto::reference::tdes_encrypt_block(master_key.data(), inverted, right);
  steps["dtk_left"] = hex_of(left, 8);
  steps["dtk_right"] = hex_of(right, 8);
}

}  // namespace

std::map<std::string, std::string> tac_steps(const ingest::DetailRecord& record,
                                             const std::string& master_key_hex) {
  const bool triple_des = record.algorithm == 0x00;
  const auto algorithm = triple_des ? crypto::Algorithm::triple_des : crypto::Algorithm::sm4;
  const Bytes master_key = bytes_of_hex(master_key_hex);
  const crypto::TacRequest request = ingest::tac_request_of(record);
  std::map<std::string, std::string> steps;
  uint8_t inverted[8];
  for (int i = 0; i < 8; ++i) inverted[i] = static_cast<uint8_t>(~request.factor[i]);
  steps["factor"] = hex_of(request.factor.data(), 8);
  steps["factor_inverted"] = hex_of(inverted, 8);
  const crypto::CardKey card_key =
      crypto::reference::derive_card_key(algorithm, master_key.data(), request.factor);
  steps["dtk"] = hex_of(card_key.data(), 16);
  steps["tac_input"] = hex_of(request.input.data(), request.input.size());
  Bytes padded(triple_des ? 24 : 32, 0);
  std::memcpy(padded.data(), request.input.data(), request.input.size());
  padded[request.input.size()] = 0x80;
  steps["padded_input"] = hex_of(padded.data(), padded.size());
  uint8_t mac_key[16];
  std::memcpy(mac_key, card_key.data(), 16);
  if (triple_des) {
    add_triple_des_halves(master_key, request, steps);
    for (int i = 0; i < 8; ++i) mac_key[i] = card_key[i] ^ card_key[8 + i];
    steps["mac_key"] = hex_of(mac_key, 8);
  }
  add_cbc_steps(triple_des, mac_key, padded, steps);
  const uint32_t tac = crypto::reference::card_tac(algorithm, card_key, request.input);
  const uint8_t tac_bytes[4] = {uint8_t(tac >> 24), uint8_t(tac >> 16), uint8_t(tac >> 8),
                                uint8_t(tac)};
  steps["tac"] = hex_of(tac_bytes, 4);
  return steps;
}

}  // namespace cityclear::testing
