#include "gen/file_mac.h"

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/params.h>

#include <stdexcept>

#include "common/hex.h"

namespace cityclear::gen {
namespace {

EVP_MAC* hmac_algorithm() {
  static EVP_MAC* mac = [] {
    EVP_MAC* fetched = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
    if (fetched == nullptr) throw std::runtime_error("OpenSSL has no HMAC");
    return fetched;
  }();
  return mac;
}

}  // namespace

FileMac::FileMac(const FileKey& key) {
  EVP_MAC_CTX* context = EVP_MAC_CTX_new(hmac_algorithm());
  if (context == nullptr) throw std::runtime_error("EVP_MAC_CTX_new failed");
  context_ = context;
  char digest[] = "SHA256";
  OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest, 0),
                         OSSL_PARAM_construct_end()};
  if (EVP_MAC_init(context, key.data(), key.size(), params) != 1)
    throw std::runtime_error("HMAC init failed");
}

FileMac::~FileMac() {
  EVP_MAC_CTX_free(static_cast<EVP_MAC_CTX*>(context_));
}

void FileMac::update(std::string_view bytes) {
  if (EVP_MAC_update(static_cast<EVP_MAC_CTX*>(context_),
                     reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size()) != 1) {
    throw std::runtime_error("HMAC update failed");
  }
}

std::string FileMac::finish_hex() {
  std::array<uint8_t, 32> digest{};
  size_t length = 0;
  if (EVP_MAC_final(static_cast<EVP_MAC_CTX*>(context_), digest.data(), &length, digest.size()) !=
          1 ||
      length != 32) {
    throw std::runtime_error("HMAC final failed");
  }
  return to_hex(digest);
}

std::string file_mac_hex(const FileKey& key, std::string_view bytes_before_trailer) {
  FileMac mac(key);
  mac.update(bytes_before_trailer);
  return mac.finish_hex();
}

}  // namespace cityclear::gen
