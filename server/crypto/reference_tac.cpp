// OpenSSL 3 deprecates the low-level DES_* functions, but they are the plainest statement of
// single DES and 3DES (EVP's DES lives in the legacy provider), which is what a reference is for.
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"

#include "crypto/reference_tac.h"

#include <openssl/crypto.h>
#include <openssl/des.h>
#include <openssl/evp.h>

#include <array>
#include <cstring>

#include "common/check.h"

namespace cityclear::crypto::reference {
namespace {

// One EVP context per thread, reused across calls (creating one per block would dominate).
class Sm4Context {
 public:
  Sm4Context() : context_(EVP_CIPHER_CTX_new()) {
    CITYCLEAR_CHECK(context_ != nullptr, "out of memory");
  }
  ~Sm4Context() { EVP_CIPHER_CTX_free(context_); }
  Sm4Context(const Sm4Context&) = delete;
  Sm4Context& operator=(const Sm4Context&) = delete;

  // Sets the key; blocks then encrypt in ECB mode without padding.
  void set_key(const uint8_t key[16]) {
    CITYCLEAR_CHECK(EVP_EncryptInit_ex2(context_, cipher(), key, nullptr, nullptr) == 1,
                    "SM4 key setup failed");
    EVP_CIPHER_CTX_set_padding(context_, 0);
  }
  void encrypt(const uint8_t in[16], uint8_t out[16]) {
    int length = 0;
    CITYCLEAR_CHECK(EVP_EncryptUpdate(context_, out, &length, in, 16) == 1 && length == 16,
                    "SM4 block failed");
  }

 private:
  static const EVP_CIPHER* cipher() {
    // Fetched once: an implicit fetch on every init costs a provider lookup.
    static EVP_CIPHER* const sm4_ecb = EVP_CIPHER_fetch(nullptr, "SM4-ECB", nullptr);
    CITYCLEAR_CHECK(sm4_ecb != nullptr, "this OpenSSL has no SM4");
    return sm4_ecb;
  }
  EVP_CIPHER_CTX* context_;
};

Sm4Context& thread_sm4_context() {
  thread_local Sm4Context context;
  return context;
}

void set_des_key(const uint8_t key[8], DES_key_schedule& schedule) {
  DES_cblock block;
  std::memcpy(block, key, 8);
  DES_set_key_unchecked(&block, &schedule);  // parity is not part of the scheme
  OPENSSL_cleanse(block, sizeof block);
}

uint32_t big_endian_word(const uint8_t* bytes) {
  return (uint32_t{bytes[0]} << 24) | (uint32_t{bytes[1]} << 16) | (uint32_t{bytes[2]} << 8) |
         bytes[3];
}

// Input || 80 || 00.. up to `Size` bytes (always padded, even when aligned).
template <size_t Size>
std::array<uint8_t, Size> padded_input(const TacInput& input) {
  std::array<uint8_t, Size> padded{};
  std::memcpy(padded.data(), input.data(), input.size());
  padded[input.size()] = 0x80;
  return padded;
}

uint32_t des_card_tac(const CardKey& card_key, const TacInput& input) {
  uint8_t mac_key[8];
  for (int i = 0; i < 8; ++i) mac_key[i] = card_key[i] ^ card_key[8 + i];
  DES_key_schedule schedule;
  set_des_key(mac_key, schedule);
  const auto padded = padded_input<24>(input);
  DES_cblock chain = {0};
  for (size_t offset = 0; offset < padded.size(); offset += 8) {
    for (int i = 0; i < 8; ++i) chain[i] ^= padded[offset + i];
    DES_ecb_encrypt(&chain, &chain, &schedule, DES_ENCRYPT);
  }
  const uint32_t tac = big_endian_word(chain);
  OPENSSL_cleanse(mac_key, sizeof mac_key);
  OPENSSL_cleanse(&schedule, sizeof schedule);
  return tac;
}

uint32_t sm4_card_tac(const CardKey& card_key, const TacInput& input) {
  Sm4Context& context = thread_sm4_context();
  context.set_key(card_key.data());
  const auto padded = padded_input<32>(input);
  uint8_t chain[16] = {0};
  for (size_t offset = 0; offset < padded.size(); offset += 16) {
    for (int i = 0; i < 16; ++i) chain[i] ^= padded[offset + i];
    context.encrypt(chain, chain);
  }
  return big_endian_word(chain);
}

}  // namespace

void des_encrypt_block(const uint8_t key[8], const uint8_t in[8], uint8_t out[8]) {
  DES_key_schedule schedule;
  set_des_key(key, schedule);
  DES_cblock block;
  std::memcpy(block, in, 8);
  DES_ecb_encrypt(&block, &block, &schedule, DES_ENCRYPT);
  std::memcpy(out, block, 8);
  OPENSSL_cleanse(&schedule, sizeof schedule);
}

void tdes_encrypt_block(const uint8_t key[16], const uint8_t in[8], uint8_t out[8]) {
  DES_key_schedule first, second;
  set_des_key(key, first);
  set_des_key(key + 8, second);
  DES_cblock block;
  std::memcpy(block, in, 8);
  DES_ecb3_encrypt(&block, &block, &first, &second, &first, DES_ENCRYPT);
  std::memcpy(out, block, 8);
  OPENSSL_cleanse(&first, sizeof first);
  OPENSSL_cleanse(&second, sizeof second);
}

void sm4_encrypt_block(const uint8_t key[16], const uint8_t in[16], uint8_t out[16]) {
  Sm4Context& context = thread_sm4_context();
  context.set_key(key);
  context.encrypt(in, out);
}

CardKey derive_card_key(Algorithm algorithm, const uint8_t master_key[16],
                        const DiversificationFactor& factor) {
  std::array<uint8_t, 16> factor_and_complement;
  for (int i = 0; i < 8; ++i) {
    factor_and_complement[i] = factor[i];
    factor_and_complement[8 + i] = static_cast<uint8_t>(~factor[i]);
  }
  CardKey card_key;
  if (algorithm == Algorithm::triple_des) {
    tdes_encrypt_block(master_key, factor_and_complement.data(), card_key.data());
    tdes_encrypt_block(master_key, factor_and_complement.data() + 8, card_key.data() + 8);
  } else {
    CITYCLEAR_CHECK(algorithm == Algorithm::sm4, "unknown TAC algorithm");
    sm4_encrypt_block(master_key, factor_and_complement.data(), card_key.data());
  }
  return card_key;
}

uint32_t card_tac(Algorithm algorithm, const CardKey& card_key, const TacInput& input) {
  if (algorithm == Algorithm::triple_des) return des_card_tac(card_key, input);
  CITYCLEAR_CHECK(algorithm == Algorithm::sm4, "unknown TAC algorithm");
  return sm4_card_tac(card_key, input);
}

uint32_t compute_tac(Algorithm algorithm, const uint8_t master_key[16],
                     const DiversificationFactor& factor, const TacInput& input) {
  CardKey card_key = derive_card_key(algorithm, master_key, factor);
  const uint32_t tac = card_tac(algorithm, card_key, input);
  OPENSSL_cleanse(card_key.data(), card_key.size());
  return tac;
}

}  // namespace cityclear::crypto::reference
