#include "crypto/tac_request.h"

namespace cityclear::crypto {

std::optional<Algorithm> algorithm_of_byte(uint8_t byte) {
  if (byte == static_cast<uint8_t>(Algorithm::triple_des)) return Algorithm::triple_des;
  if (byte == static_cast<uint8_t>(Algorithm::sm4)) return Algorithm::sm4;
  return std::nullopt;
}

const char* verdict_name(TacVerdict verdict) {
  switch (verdict) {
    case TacVerdict::ok: return "OK";
    case TacVerdict::mismatch: return "MISMATCH";
    case TacVerdict::unknown_issuer: return "UNKNOWN_ISSUER";
    case TacVerdict::unknown_key: return "UNKNOWN_KEY";
  }
  return "UNKNOWN_VERDICT";
}

}  // namespace cityclear::crypto
