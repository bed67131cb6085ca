#pragma once
// Card key diversification and TAC (shared/spec/crypto.md), computed independently of the server:
//   factor f = last 8 bytes of the 10-byte BCD ASN, ~f = f with every bit inverted;
//   3DES: DTK = 3DES(MTK, f) || 3DES(MTK, ~f); TAC key = DTK[0..7] XOR DTK[8..15], single DES;
//   SM4:  DTK = SM4(MTK, f || ~f); TAC key = DTK;
//   TAC = first 4 bytes of the last block of a zero-IV CBC-MAC over the 22-byte input padded
//   with 80 00.. to a whole number of blocks (always padded).
#include <array>
#include <cstdint>
#include <memory>
#include <span>
#include <string_view>

#include "gen/block_ciphers.h"

namespace cityclear::gen {

enum class Algorithm : uint8_t { tdes = 0x00, sm4 = 0x04 };

using MasterKeyBytes = std::array<uint8_t, 16>;
using TacInput = std::array<uint8_t, 22>;

// The fields a TAC covers, as numbers.
struct TacFields {
  uint32_t amount = 0;
  uint8_t transaction_type = 0x06;
  uint64_t terminal = 0;         // 48 bits
  uint32_t terminal_serial = 0;  // TTC
  int64_t local_time = 0;        // seconds since 1970-01-01 00:00:00 local
};

TacInput tac_input_of(const TacFields& fields);
// The factor of a 20-digit ASN (its last 16 digits as BCD).
Block8 factor_of_asn(std::string_view asn20);
// The factor of an ASN whose last 16 digits are the number `last_16_digits`.
Block8 factor_of_digits(uint64_t last_16_digits);

// An issuer's master TAC key, prepared once for many diversifications.
class MasterKey {
 public:
  MasterKey(Algorithm algorithm, const MasterKeyBytes& mtk);
  Algorithm algorithm() const { return algorithm_; }
  Block16 diversify(const Block8& factor) const;

 private:
  Algorithm algorithm_;
  DesSchedule left_{};
  DesSchedule right_{};
  std::unique_ptr<Sm4> sm4_;  // keyed with the MTK (SM4 keys only)
};

// Computes TACs; owns scratch cipher state, so use one per thread.
class TacOracle {
 public:
  uint32_t tac(const MasterKey& key, const Block8& factor, const TacFields& fields);
  uint32_t tac_with_dtk(Algorithm algorithm, const Block16& dtk, const TacInput& input);

 private:
  Sm4 scratch_sm4_;
};

}  // namespace cityclear::gen
