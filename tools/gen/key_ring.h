#pragma once
// The keys the oracle verifies against: issuers' master keys prepared for diversification, looked
// up by (issuer, version, algorithm) exactly as the spec's reasons 11 and 12 ask.
#include <cstdint>
#include <memory>
#include <unordered_map>
#include <vector>

#include "gen/scheme.h"
#include "gen/tac_oracle.h"

namespace cityclear::gen {

class KeyRing {
 public:
  void add(uint32_t issuer, const IssuerKey& key);
  static KeyRing of_scheme(const Scheme& scheme);

  bool knows_issuer(uint32_t issuer) const { return keys_.contains(issuer); }
  // nullptr when the issuer has no key of that version and algorithm.
  const MasterKey* find(uint32_t issuer, uint8_t version, uint8_t algorithm) const;

 private:
  struct Entry {
    uint8_t version;
    uint8_t algorithm;
    std::unique_ptr<MasterKey> key;
  };
  std::unordered_map<uint32_t, std::vector<Entry>> keys_;
};

}  // namespace cityclear::gen
