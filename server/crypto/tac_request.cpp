#include "crypto/tac_request.h"

namespace cityclear::crypto {

const char* verdict_name(TacVerdict verdict) {
  switch (verdict) {
    case TacVerdict::ok:
      return "OK";
    case TacVerdict::mismatch:
      return "MISMATCH";
    case TacVerdict::unknown_issuer:
      return "UNKNOWN_ISSUER";
    case TacVerdict::unknown_key:
      return "UNKNOWN_KEY";
  }
  return "UNKNOWN_VERDICT";
}

}  // namespace cityclear::crypto
