// DES through OpenSSL's legacy DES_* API, which OpenSSL 3 marks deprecated: this file alone is
// compiled with -Wno-deprecated-declarations (tools/gen/CMakeLists.txt).
#include "gen/block_ciphers.h"

#include <openssl/des.h>
#include <openssl/evp.h>

#include <cstring>
#include <stdexcept>

namespace cityclear::gen {
namespace {

static_assert(sizeof(DES_key_schedule) <= sizeof(DesSchedule::bytes));

const DES_key_schedule* schedule_of(const DesSchedule& key) {
  return reinterpret_cast<const DES_key_schedule*>(key.bytes);
}

DES_key_schedule* schedule_of(DesSchedule& key) {
  return reinterpret_cast<DES_key_schedule*>(key.bytes);
}

// SM4-ECB fetched once from the default provider (fetching per call costs more than the cipher).
EVP_CIPHER* sm4_ecb_cipher() {
  static EVP_CIPHER* cipher = [] {
    EVP_CIPHER* fetched = EVP_CIPHER_fetch(nullptr, "SM4-ECB", nullptr);
    if (fetched == nullptr)
      throw std::runtime_error("OpenSSL has no SM4-ECB in its default provider");
    return fetched;
  }();
  return cipher;
}

}  // namespace

DesSchedule des_schedule(std::span<const uint8_t, 8> key) {
  DesSchedule schedule{};
  DES_cblock block;
  std::memcpy(block, key.data(), 8);
  DES_set_key_unchecked(&block, schedule_of(schedule));
  return schedule;
}

Block8 des_encrypt(const DesSchedule& key, const Block8& plain) {
  DES_cblock in;
  DES_cblock out;
  std::memcpy(in, plain.data(), 8);
  DES_ecb_encrypt(&in, &out, const_cast<DES_key_schedule*>(schedule_of(key)), DES_ENCRYPT);
  Block8 result;
  std::memcpy(result.data(), out, 8);
  return result;
}

Block8 tdes_encrypt(const DesSchedule& k1, const DesSchedule& k2, const Block8& plain) {
  DES_cblock in;
  DES_cblock out;
  std::memcpy(in, plain.data(), 8);
  DES_ecb3_encrypt(&in, &out, const_cast<DES_key_schedule*>(schedule_of(k1)),
                   const_cast<DES_key_schedule*>(schedule_of(k2)),
                   const_cast<DES_key_schedule*>(schedule_of(k1)), DES_ENCRYPT);
  Block8 result;
  std::memcpy(result.data(), out, 8);
  return result;
}

Block8 des_cbc_mac(const DesSchedule& key, std::span<const uint8_t> data) {
  Block8 chain{};
  for (size_t offset = 0; offset + 8 <= data.size(); offset += 8) {
    for (size_t i = 0; i < 8; ++i) chain[i] ^= data[offset + i];
    chain = des_encrypt(key, chain);
  }
  return chain;
}

Sm4::Sm4() {
  context_ = EVP_CIPHER_CTX_new();
  if (context_ == nullptr) throw std::runtime_error("EVP_CIPHER_CTX_new failed");
}

Sm4::~Sm4() {
  EVP_CIPHER_CTX_free(static_cast<EVP_CIPHER_CTX*>(context_));
}

// The first key fetches the cipher; later keys only re-key (several times cheaper through EVP).
// Padding never matters: only whole blocks go through EVP_EncryptUpdate, never EVP_EncryptFinal.
void Sm4::set_key(std::span<const uint8_t, 16> key) {
  auto* context = static_cast<EVP_CIPHER_CTX*>(context_);
  const EVP_CIPHER* cipher = keyed_ ? nullptr : sm4_ecb_cipher();
  if (EVP_EncryptInit_ex2(context, cipher, key.data(), nullptr, nullptr) != 1) {
    throw std::runtime_error("SM4 key setup failed");
  }
  keyed_ = true;
}

Block16 Sm4::encrypt(const Block16& plain) {
  Block16 out{};
  int written = 0;
  if (EVP_EncryptUpdate(static_cast<EVP_CIPHER_CTX*>(context_), out.data(), &written, plain.data(),
                        16) != 1 ||
      written != 16) {
    throw std::runtime_error("SM4 encryption failed");
  }
  return out;
}

Block16 Sm4::cbc_mac(std::span<const uint8_t> data) {
  Block16 chain{};
  for (size_t offset = 0; offset + 16 <= data.size(); offset += 16) {
    for (size_t i = 0; i < 16; ++i) chain[i] ^= data[offset + i];
    chain = encrypt(chain);
  }
  return chain;
}

}  // namespace cityclear::gen
