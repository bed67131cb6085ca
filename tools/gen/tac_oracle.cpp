#include "gen/tac_oracle.h"

#include <cstring>

#include "common/bcd.h"
#include "common/local_time.h"

namespace cityclear::gen {
namespace {

uint8_t bcd_byte(int value) {
  return static_cast<uint8_t>(((value / 10) << 4) | (value % 10));
}

Block8 inverted(const Block8& block) {
  Block8 result;
  for (size_t i = 0; i < 8; ++i) result[i] = static_cast<uint8_t>(~block[i]);
  return result;
}

void put_big_endian(uint64_t value, int bytes, uint8_t* out) {
  for (int i = bytes - 1; i >= 0; --i) {
    out[i] = static_cast<uint8_t>(value & 0xFF);
    value >>= 8;
  }
}

uint32_t first_four_bytes(const uint8_t* block) {
  return (uint32_t{block[0]} << 24) | (uint32_t{block[1]} << 16) | (uint32_t{block[2]} << 8) |
         block[3];
}

}  // namespace

TacInput tac_input_of(const TacFields& fields) {
  TacInput input{};
  put_big_endian(fields.amount, 4, &input[0]);
  input[4] = fields.transaction_type;
  put_big_endian(fields.terminal, 6, &input[5]);
  put_big_endian(fields.terminal_serial, 4, &input[11]);
  int64_t days =
      fields.local_time >= 0 ? fields.local_time / 86400 : (fields.local_time - 86399) / 86400;
  int64_t second_of_day = fields.local_time - days * 86400;
  CivilDate date = civil_from_days(days);
  input[15] = bcd_byte(date.year / 100);
  input[16] = bcd_byte(date.year % 100);
  input[17] = bcd_byte(date.month);
  input[18] = bcd_byte(date.day);
  input[19] = bcd_byte(static_cast<int>(second_of_day / 3600));
  input[20] = bcd_byte(static_cast<int>(second_of_day / 60 % 60));
  input[21] = bcd_byte(static_cast<int>(second_of_day % 60));
  return input;
}

Block8 factor_of_asn(std::string_view asn20) {
  Block8 factor{};
  pack_bcd(asn20.substr(4, 16), factor);
  return factor;
}

Block8 factor_of_digits(uint64_t last_16_digits) {
  return bcd_of_number<8>(last_16_digits);
}

MasterKey::MasterKey(Algorithm algorithm, const MasterKeyBytes& mtk) : algorithm_(algorithm) {
  if (algorithm == Algorithm::tdes) {
    left_ = des_schedule(std::span<const uint8_t, 8>(mtk.data(), 8));
    right_ = des_schedule(std::span<const uint8_t, 8>(mtk.data() + 8, 8));
  } else {
    sm4_ = std::make_unique<Sm4>();
    sm4_->set_key(mtk);
  }
}

Block16 MasterKey::diversify(const Block8& factor) const {
  Block16 dtk{};
  Block8 inverse = inverted(factor);
  if (algorithm_ == Algorithm::tdes) {
    Block8 left = tdes_encrypt(left_, right_, factor);
    Block8 right = tdes_encrypt(left_, right_, inverse);
    std::memcpy(dtk.data(), left.data(), 8);
    std::memcpy(dtk.data() + 8, right.data(), 8);
    return dtk;
  }
  Block16 plain{};
  std::memcpy(plain.data(), factor.data(), 8);
  std::memcpy(plain.data() + 8, inverse.data(), 8);
  return sm4_->encrypt(plain);
}

uint32_t TacOracle::tac(const MasterKey& key, const Block8& factor, const TacFields& fields) {
  return tac_with_dtk(key.algorithm(), key.diversify(factor), tac_input_of(fields));
}

// 22 bytes + 80 + zeros: 24 bytes (3 DES blocks) or 32 bytes (2 SM4 blocks).
uint32_t TacOracle::tac_with_dtk(Algorithm algorithm, const Block16& dtk, const TacInput& input) {
  std::array<uint8_t, 32> padded{};
  std::memcpy(padded.data(), input.data(), input.size());
  padded[input.size()] = 0x80;
  if (algorithm == Algorithm::tdes) {
    Block8 single{};
    for (size_t i = 0; i < 8; ++i) single[i] = static_cast<uint8_t>(dtk[i] ^ dtk[8 + i]);
    Block8 mac = des_cbc_mac(des_schedule(single), std::span<const uint8_t>(padded.data(), 24));
    return first_four_bytes(mac.data());
  }
  scratch_sm4_.set_key(dtk);
  Block16 mac = scratch_sm4_.cbc_mac(padded);
  return first_four_bytes(mac.data());
}

}  // namespace cityclear::gen
