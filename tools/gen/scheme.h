#pragma once
// The scheme of the generated day: participants (city operators, issuer and acquirer at once)
// with their codes, fee rates, API tokens, issuer master keys and acquirer file keys.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "gen/file_mac.h"
#include "gen/tac_oracle.h"

namespace cityclear::gen {

struct IssuerKey {
  uint8_t version = 0;
  Algorithm algorithm = Algorithm::tdes;
  MasterKeyBytes mtk{};
};

struct SchemeParticipant {
  uint32_t code = 0;
  std::string name;
  std::string letters;  // two letters that open its batch ids, e.g. "SH"
  int fee_bps = 0;
  int volume_weight = 1;  // relative number of records it acquires
  std::string token;      // plain API token
  FileKey file_key{};
  std::vector<IssuerKey> keys;  // sorted by version; both algorithms present
};

struct Scheme {
  std::vector<SchemeParticipant> participants;  // sorted by code
  std::string operator_token;
  std::vector<uint32_t> unknown_issuers;  // codes with no keys (reason 11)
  uint32_t unknown_acquirer = 0;          // a code with no file key (F03)

  size_t index_of(uint32_t code) const;  // participants[i].code == code; throws when absent
  const IssuerKey* find_key(uint32_t issuer, uint8_t version, Algorithm algorithm) const;
};

Scheme build_scheme(uint64_t seed, int participant_count);

}  // namespace cityclear::gen
