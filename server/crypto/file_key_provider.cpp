#include "crypto/file_key_provider.h"

#include "crypto/file_mac.h"
#include "crypto/key_file.h"
#include "crypto/reference_tac.h"

namespace cityclear::crypto {

FileKeyProvider::FileKeyProvider(KeyTable keys, FileKeyProviderOptions options)
    : keys_(std::move(keys)), verifier_(keys_, options.simd_path.value_or(best_simd_path())) {}

bool FileKeyProvider::knows_issuer(uint32_t issuer_code) const {
  return keys_.knows_issuer(issuer_code);
}

bool FileKeyProvider::knows_key(const KeyId& key) const {
  return keys_.find_master_key(key) != nullptr;
}

bool FileKeyProvider::knows_acquirer(uint32_t acquirer_code) const {
  return keys_.find_file_key(acquirer_code) != nullptr;
}

std::optional<CardKey> FileKeyProvider::derive_card_key(const KeyId& key,
                                                        const DiversificationFactor& factor) const {
  const MasterKeyEntry* entry = keys_.find_master_key(key);
  if (entry == nullptr) return std::nullopt;
  return reference::derive_card_key(entry->algorithm, entry->master_key.data(), factor);
}

std::optional<uint32_t> FileKeyProvider::compute_tac(const TacRequest& request) const {
  const MasterKeyEntry* entry = keys_.find_master_key(request.key);
  if (entry == nullptr) return std::nullopt;
  return reference::compute_tac(entry->algorithm, entry->master_key.data(), request.factor,
                                request.input);
}

void FileKeyProvider::verify_tacs(std::span<const TacRequest> requests,
                                  std::span<TacVerdict> verdicts) const {
  verifier_.verify(requests, verdicts);
}

std::unique_ptr<FileMac> FileKeyProvider::begin_file_mac(uint32_t acquirer_code) const {
  const FileKeyEntry* entry = keys_.find_file_key(acquirer_code);
  if (entry == nullptr) return nullptr;
  return begin_hmac_sha256(entry->file_key);
}

std::unique_ptr<FileKeyProvider> load_file_key_provider(const std::filesystem::path& path,
                                                        FileKeyProviderOptions options) {
  return std::make_unique<FileKeyProvider>(read_key_file(path), options);
}

}  // namespace cityclear::crypto
