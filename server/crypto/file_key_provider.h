#pragma once
// The KeyProvider backed by the keys file (key_file.h): single-record operations run on the
// OpenSSL reference path, bulk TAC verification on the fastest SIMD path of the CPU.
#include <filesystem>
#include <memory>
#include <optional>

#include "crypto/key_provider.h"
#include "crypto/key_table.h"
#include "crypto/simd_path.h"
#include "crypto/tac_verifier.h"

namespace cityclear::crypto {

struct FileKeyProviderOptions {
  // The SIMD path of verify_tacs; unset = best_simd_path(). Tests force each path with it.
  std::optional<SimdPath> simd_path;
};

class FileKeyProvider final : public KeyProvider {
 public:
  explicit FileKeyProvider(KeyTable keys, FileKeyProviderOptions options = {});
  // The verifier refers to the keys inside: neither copyable nor movable.
  FileKeyProvider(const FileKeyProvider&) = delete;
  FileKeyProvider& operator=(const FileKeyProvider&) = delete;

  bool knows_issuer(uint32_t issuer_code) const override;
  bool knows_key(const KeyId& key) const override;
  bool knows_acquirer(uint32_t acquirer_code) const override;
  std::optional<CardKey> derive_card_key(const KeyId& key,
                                         const DiversificationFactor& factor) const override;
  std::optional<uint32_t> compute_tac(const TacRequest& request) const override;
  void verify_tacs(std::span<const TacRequest> requests,
                   std::span<TacVerdict> verdicts) const override;
  std::unique_ptr<FileMac> begin_file_mac(uint32_t acquirer_code) const override;

  SimdPath simd_path() const { return verifier_.path(); }

 private:
  KeyTable keys_;
  TacVerifier verifier_;
};

// Reads the keys file; throws KeyFileError (key_file.h) when it is refused.
std::unique_ptr<FileKeyProvider> load_file_key_provider(const std::filesystem::path& path,
                                                        FileKeyProviderOptions options = {});

}  // namespace cityclear::crypto
