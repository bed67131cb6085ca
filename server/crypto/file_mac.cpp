#include "crypto/file_mac.h"

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/params.h>

#include "common/check.h"

namespace cityclear::crypto {
namespace {

class HmacSha256FileMac final : public FileMac {
 public:
  explicit HmacSha256FileMac(std::span<const uint8_t> file_key)
      : context_(EVP_MAC_CTX_new(hmac())) {
    CITYCLEAR_CHECK(context_ != nullptr, "out of memory");
    char digest[] = "SHA256";
    const OSSL_PARAM parameters[] = {
        OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest, 0),
        OSSL_PARAM_construct_end()};
    CITYCLEAR_CHECK(EVP_MAC_init(context_, file_key.data(), file_key.size(), parameters) == 1,
                    "HMAC-SHA256 setup failed");
  }
  ~HmacSha256FileMac() override { EVP_MAC_CTX_free(context_); }
  HmacSha256FileMac(const HmacSha256FileMac&) = delete;
  HmacSha256FileMac& operator=(const HmacSha256FileMac&) = delete;

  void update(std::span<const uint8_t> bytes) override {
    CITYCLEAR_CHECK(!finished_, "file MAC updated after finish");
    if (bytes.empty()) return;
    CITYCLEAR_CHECK(EVP_MAC_update(context_, bytes.data(), bytes.size()) == 1,
                    "HMAC-SHA256 update failed");
  }

  FileMacValue finish() override {
    CITYCLEAR_CHECK(!finished_, "file MAC finished twice");
    finished_ = true;
    FileMacValue value{};
    size_t length = 0;
    CITYCLEAR_CHECK(
        EVP_MAC_final(context_, value.data(), &length, value.size()) == 1 && length == value.size(),
        "HMAC-SHA256 final failed");
    return value;
  }

 private:
  static EVP_MAC* hmac() {
    // Fetched once for the process: fetching per file costs a provider lookup.
    static EVP_MAC* const fetched = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
    CITYCLEAR_CHECK(fetched != nullptr, "this OpenSSL has no HMAC");
    return fetched;
  }

  EVP_MAC_CTX* context_;
  bool finished_ = false;
};

}  // namespace

std::unique_ptr<FileMac> begin_hmac_sha256(std::span<const uint8_t> file_key) {
  return std::make_unique<HmacSha256FileMac>(file_key);
}

}  // namespace cityclear::crypto
