#pragma once
// Reads the keys file (shared/spec/interfaces.md, "keys_file") into a KeyTable:
//   {"issuers":   {"31000001": [{"version": "01", "alg": "00", "mtk": "<32 hex>"}, ...]},
//    "acquirers": {"31000001": {"file_key": "<64 hex>"}}}
// It refuses the file - with a KeyFileError of one sentence naming the file and the problem,
// never quoting key material - when it is missing, accessible by group or others, not JSON,
// or has a code that is not 8 digits, bad hex or length, an unknown algorithm, a version and
// algorithm twice for one issuer, or a JSON key twice in one object. The file's bytes and
// the parsed strings are wiped after reading. Unknown fields are ignored (room for comments).
#include <filesystem>
#include <stdexcept>
#include <string>

#include "crypto/key_table.h"

namespace cityclear::crypto {

class KeyFileError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

KeyTable read_key_file(const std::filesystem::path& path);

}  // namespace cityclear::crypto
