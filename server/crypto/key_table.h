#pragma once
// The keys a file-backed key provider holds: every issuer's TAC master keys (prepared for the
// bulk kernels as well as raw, for the reference path) and every acquirer's file key. Filled
// once by the keys-file reader, read-only afterwards (so pointers to entries stay valid), and
// wiped when destroyed (WipingAllocator). Not copyable, so keys are not copied around by accident.
#include <array>
#include <cstdint>
#include <span>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "crypto/sm4_bulk.h"
#include "crypto/tac_request.h"
#include "crypto/tdes_bulk.h"
#include "crypto/wiping_allocator.h"

namespace cityclear::crypto {

struct MasterKeyEntry {
  KeyId id;
  Algorithm algorithm;
  std::array<uint8_t, 16> master_key;
  TdesMasterKey tdes;  // set when algorithm == triple_des
  Sm4MasterKey sm4;    // set when algorithm == sm4
};

struct FileKeyEntry {
  uint32_t acquirer_code;
  std::array<uint8_t, 32> file_key;
};

class KeyTable {
 public:
  KeyTable() = default;
  KeyTable(const KeyTable&) = delete;
  KeyTable& operator=(const KeyTable&) = delete;
  KeyTable(KeyTable&&) = default;
  KeyTable& operator=(KeyTable&&) = default;

  // False (and nothing added) when the issuer already has this version and algorithm.
  bool add_master_key(uint32_t issuer_code, uint8_t version, Algorithm algorithm,
                      std::span<const uint8_t, 16> master_key);
  // False (and nothing added) when the acquirer already has a file key.
  bool add_file_key(uint32_t acquirer_code, std::span<const uint8_t, 32> file_key);

  const MasterKeyEntry* find_master_key(const KeyId& key) const;
  bool knows_issuer(uint32_t issuer_code) const { return issuers_.contains(issuer_code); }
  const FileKeyEntry* find_file_key(uint32_t acquirer_code) const;
  size_t master_key_count() const { return master_keys_.size(); }
  size_t file_key_count() const { return file_keys_.size(); }

 private:
  static uint64_t packed(const KeyId& key) {
    return (uint64_t{key.issuer_code} << 16) | (uint64_t{key.version} << 8) | key.algorithm;
  }

  std::vector<MasterKeyEntry, WipingAllocator<MasterKeyEntry>> master_keys_;
  std::vector<FileKeyEntry, WipingAllocator<FileKeyEntry>> file_keys_;
  std::unordered_map<uint64_t, size_t> master_key_index_;
  std::unordered_map<uint32_t, size_t> file_key_index_;
  std::unordered_set<uint32_t> issuers_;
};

}  // namespace cityclear::crypto
