#pragma once
// Builds TB1 files for tests from detail lines, with counts, total and file MAC computed
// independently of the server's code (OpenSSL HMAC), so tests can mutate sample files.
#include <string>
#include <string_view>
#include <vector>

namespace cityclear::testing {

struct Tb1File {
  std::string batch_id;                   // 20 characters
  std::string acquirer_code;              // 8 digits
  std::string created;                    // YYYYMMDDhhmmss
  std::vector<std::string> detail_lines;  // 121 characters each, without LF

  // Reads a TB1 file's header and detail lines (trailer dropped).
  static Tb1File parse(std::string_view text);
  // Renumbers the detail lines' sequence fields 1, 2, 3...
  void renumber();
  // The whole file with trailer and MAC under `file_key_hex` (64 hex).
  std::string build(const std::string& file_key_hex) const;
};

std::string read_text_file(const std::string& path);
void write_text_file(const std::string& path, std::string_view text);
// The file key of an acquirer in the samples' keys.json.
std::string sample_file_key(const std::string& acquirer_code);
// A copy of tests/data/samples/keys.json with mode 0600 in a scratch folder; returns its path.
std::string private_copy_of_sample_keys(const std::string& scratch_name);

}  // namespace cityclear::testing
