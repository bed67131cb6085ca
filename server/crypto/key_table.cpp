#include "crypto/key_table.h"

#include <openssl/crypto.h>

#include <algorithm>

namespace cityclear::crypto {

bool KeyTable::add_master_key(uint32_t issuer_code, uint8_t version, Algorithm algorithm,
                              std::span<const uint8_t, 16> master_key) {
  const KeyId id{issuer_code, version, static_cast<uint8_t>(algorithm)};
  if (master_key_index_.contains(packed(id))) return false;
  MasterKeyEntry entry{};
  entry.id = id;
  entry.algorithm = algorithm;
  std::copy(master_key.begin(), master_key.end(), entry.master_key.begin());
  if (algorithm == Algorithm::triple_des) entry.tdes = tdes_prepare_master_key(master_key.data());
  if (algorithm == Algorithm::sm4) entry.sm4 = sm4_prepare_master_key(master_key.data());
  master_keys_.push_back(entry);
  OPENSSL_cleanse(&entry, sizeof entry);
  master_key_index_.emplace(packed(id), master_keys_.size() - 1);
  issuers_.insert(issuer_code);
  return true;
}

bool KeyTable::add_file_key(uint32_t acquirer_code, std::span<const uint8_t, 32> file_key) {
  if (file_key_index_.contains(acquirer_code)) return false;
  FileKeyEntry entry{};
  entry.acquirer_code = acquirer_code;
  std::copy(file_key.begin(), file_key.end(), entry.file_key.begin());
  file_keys_.push_back(entry);
  OPENSSL_cleanse(&entry, sizeof entry);
  file_key_index_.emplace(acquirer_code, file_keys_.size() - 1);
  return true;
}

const MasterKeyEntry* KeyTable::find_master_key(const KeyId& key) const {
  auto found = master_key_index_.find(packed(key));
  return found == master_key_index_.end() ? nullptr : &master_keys_[found->second];
}

const FileKeyEntry* KeyTable::find_file_key(uint32_t acquirer_code) const {
  auto found = file_key_index_.find(acquirer_code);
  return found == file_key_index_.end() ? nullptr : &file_keys_[found->second];
}

}  // namespace cityclear::crypto
