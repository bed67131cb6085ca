#include "support/tb1_builder.h"

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <openssl/hmac.h>
#include <sstream>
#include <stdexcept>

#include "common/hex.h"
#include "support/test_paths.h"

namespace cityclear::testing {

std::string read_text_file(const std::string& path) {
  std::ifstream input(path, std::ios::binary);
  if (!input) throw std::runtime_error("cannot read " + path);
  std::stringstream buffer;
  buffer << input.rdbuf();
  return buffer.str();
}

void write_text_file(const std::string& path, std::string_view text) {
  std::ofstream output(path, std::ios::binary | std::ios::trunc);
  output.write(text.data(), static_cast<std::streamsize>(text.size()));
}

Tb1File Tb1File::parse(std::string_view text) {
  Tb1File file;
  std::istringstream lines{std::string(text)};
  std::string line;
  while (std::getline(lines, line)) {
    if (line.empty()) continue;
    if (line[0] == 'H') {
      file.batch_id = line.substr(4, 20);
      file.acquirer_code = line.substr(24, 8);
      file.created = line.substr(32, 14);
    } else if (line[0] == 'D') {
      file.detail_lines.push_back(line);
    }
  }
  return file;
}

void Tb1File::renumber() {
  for (size_t i = 0; i < detail_lines.size(); ++i) {
    char sequence[24];  // room for any size_t, so the compiler sees no truncation; the field is 8
                        // digits
    std::snprintf(sequence, sizeof sequence, "%08zu", i + 1);
    detail_lines[i].replace(1, 8, sequence);
  }
}

std::string Tb1File::build(const std::string& file_key_hex) const {
  char count[24];
  std::snprintf(count, sizeof count, "%08zu", detail_lines.size());
  std::string text = "HTB1" + batch_id + acquirer_code + created + count + "\n";
  long long total = 0;
  for (const auto& line : detail_lines) {
    text += line + "\n";
    total += std::stoll(line.substr(56, 10));
  }
  auto key = parse_hex(file_key_hex).value();
  unsigned char mac[32];
  unsigned int mac_length = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(text.data()), text.size(), mac, &mac_length);
  char total_text[32];
  std::snprintf(total_text, sizeof total_text, "%014lld", total);
  return text + "T" + count + total_text + to_hex(std::span<const uint8_t>(mac, mac_length)) + "\n";
}

std::string sample_file_key(const std::string& acquirer_code) {
  auto keys = nlohmann::json::parse(read_text_file((samples_dir() / "keys.json").string()));
  return keys.at("acquirers").at(acquirer_code).at("file_key").get<std::string>();
}

std::string private_copy_of_sample_keys(const std::string& scratch_name) {
  std::filesystem::path folder = scratch_dir(scratch_name);
  std::filesystem::path copy = folder / "keys.json";
  std::filesystem::copy_file(samples_dir() / "keys.json", copy,
                             std::filesystem::copy_options::overwrite_existing);
  std::filesystem::permissions(
      copy, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write,
      std::filesystem::perm_options::replace);
  return copy.string();
}

}  // namespace cityclear::testing
