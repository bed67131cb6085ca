#include "common/sha256.h"

#include <openssl/evp.h>

#include "common/check.h"
#include "common/hex.h"

namespace cityclear {
namespace {

Sha256Digest finish_context(EVP_MD_CTX* context) {
  Sha256Digest digest{};
  unsigned int length = 0;
  CITYCLEAR_CHECK(
      EVP_DigestFinal_ex(context, digest.data(), &length) == 1 && length == digest.size(),
      "SHA-256 final failed");
  return digest;
}

}  // namespace

struct Sha256::State {
  EVP_MD_CTX* context = nullptr;
};

Sha256::Sha256() : state_(std::make_unique<State>()) {
  state_->context = EVP_MD_CTX_new();
  CITYCLEAR_CHECK(state_->context != nullptr, "EVP_MD_CTX_new failed");
  CITYCLEAR_CHECK(EVP_DigestInit_ex(state_->context, EVP_sha256(), nullptr) == 1,
                  "SHA-256 init failed");
}

Sha256::~Sha256() {
  EVP_MD_CTX_free(state_->context);
}

void Sha256::update(std::span<const uint8_t> bytes) {
  CITYCLEAR_CHECK(EVP_DigestUpdate(state_->context, bytes.data(), bytes.size()) == 1,
                  "SHA-256 update failed");
}

void Sha256::update(std::string_view text) {
  update(std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(text.data()), text.size()));
}

Sha256Digest Sha256::digest_so_far() const {
  EVP_MD_CTX* copy = EVP_MD_CTX_new();
  CITYCLEAR_CHECK(copy != nullptr && EVP_MD_CTX_copy_ex(copy, state_->context) == 1,
                  "SHA-256 copy failed");
  Sha256Digest digest = finish_context(copy);
  EVP_MD_CTX_free(copy);
  return digest;
}

Sha256Digest Sha256::finish() {
  return finish_context(state_->context);
}

Sha256Digest sha256(std::string_view bytes) {
  Sha256 hasher;
  hasher.update(bytes);
  return hasher.finish();
}

std::string sha256_hex(std::string_view bytes) {
  return to_hex(sha256(bytes));
}

}  // namespace cityclear
