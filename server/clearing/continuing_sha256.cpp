#include "clearing/continuing_sha256.h"

#include <openssl/evp.h>

#include "common/check.h"

namespace cityclear::clearing {
namespace {

Sha256Digest finish_context(EVP_MD_CTX* context) {
  Sha256Digest digest{};
  unsigned int length = 0;
  CITYCLEAR_CHECK(EVP_DigestFinal_ex(context, digest.data(), &length) == 1 && length == digest.size(),
                  "SHA-256 final failed");
  return digest;
}

}  // namespace

struct ContinuingSha256::State {
  EVP_MD_CTX* context = nullptr;
};

ContinuingSha256::ContinuingSha256() : state_(std::make_unique<State>()) {
  state_->context = EVP_MD_CTX_new();
  CITYCLEAR_CHECK(state_->context != nullptr, "EVP_MD_CTX_new failed");
  CITYCLEAR_CHECK(EVP_DigestInit_ex(state_->context, EVP_sha256(), nullptr) == 1, "SHA-256 init failed");
}

ContinuingSha256::~ContinuingSha256() { EVP_MD_CTX_free(state_->context); }

void ContinuingSha256::update(std::string_view bytes) {
  CITYCLEAR_CHECK(EVP_DigestUpdate(state_->context, bytes.data(), bytes.size()) == 1, "SHA-256 update failed");
}

Sha256Digest ContinuingSha256::digest_so_far() const {
  EVP_MD_CTX* copy = EVP_MD_CTX_new();
  CITYCLEAR_CHECK(copy != nullptr && EVP_MD_CTX_copy_ex(copy, state_->context) == 1, "SHA-256 copy failed");
  Sha256Digest digest = finish_context(copy);
  EVP_MD_CTX_free(copy);
  return digest;
}

Sha256Digest ContinuingSha256::finish() { return finish_context(state_->context); }

}  // namespace cityclear::clearing
