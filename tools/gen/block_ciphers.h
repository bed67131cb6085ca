#pragma once
// The block ciphers of the card crypto (shared/spec/crypto.md), straight on OpenSSL and
// independent of the server's crypto: single DES and two-key triple DES through the legacy
// DES_* API, SM4 through EVP (SM4-ECB of OpenSSL 3's default provider).
#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

namespace cityclear::gen {

using Block8 = std::array<uint8_t, 8>;
using Block16 = std::array<uint8_t, 16>;

// A prepared single-DES key (OpenSSL's DES_key_schedule, kept opaque here).
struct DesSchedule {
  alignas(8) uint8_t bytes[128];
};

DesSchedule des_schedule(std::span<const uint8_t, 8> key);
Block8 des_encrypt(const DesSchedule& key, const Block8& plain);
// Two-key triple DES, EDE: E(K1) D(K2) E(K1).
Block8 tdes_encrypt(const DesSchedule& k1, const DesSchedule& k2, const Block8& plain);
// CBC-MAC with an all-zero IV over data (size a multiple of 8): the last cipher block.
Block8 des_cbc_mac(const DesSchedule& key, std::span<const uint8_t> data);

// SM4 (GB/T 32907) in ECB, one EVP context re-keyed as needed. Not copyable.
class Sm4 {
 public:
  Sm4();
  ~Sm4();
  Sm4(const Sm4&) = delete;
  Sm4& operator=(const Sm4&) = delete;
  void set_key(std::span<const uint8_t, 16> key);
  Block16 encrypt(const Block16& plain);
  // CBC-MAC with an all-zero IV over data (size a multiple of 16): the last cipher block.
  Block16 cbc_mac(std::span<const uint8_t> data);

 private:
  void* context_ = nullptr;  // EVP_CIPHER_CTX
  bool keyed_ = false;
};

}  // namespace cityclear::gen
