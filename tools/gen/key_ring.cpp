#include "gen/key_ring.h"

namespace cityclear::gen {

void KeyRing::add(uint32_t issuer, const IssuerKey& key) {
  keys_[issuer].push_back(Entry{key.version, static_cast<uint8_t>(key.algorithm),
                                std::make_unique<MasterKey>(key.algorithm, key.mtk)});
}

KeyRing KeyRing::of_scheme(const Scheme& scheme) {
  KeyRing ring;
  for (const SchemeParticipant& participant : scheme.participants) {
    for (const IssuerKey& key : participant.keys) ring.add(participant.code, key);
  }
  return ring;
}

const MasterKey* KeyRing::find(uint32_t issuer, uint8_t version, uint8_t algorithm) const {
  auto found = keys_.find(issuer);
  if (found == keys_.end()) return nullptr;
  for (const Entry& entry : found->second) {
    if (entry.version == version && entry.algorithm == algorithm) return entry.key.get();
  }
  return nullptr;
}

}  // namespace cityclear::gen
