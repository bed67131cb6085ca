// The keys file reader: the sample loads, and every kind of bad file is refused with one
// sentence that names the file and the problem and never shows key material.
#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <string>

#include "crypto/file_key_provider.h"
#include "crypto/key_file.h"
#include "crypto/support/random_tac_workload.h"
#include "support/test_paths.h"

namespace crypto = cityclear::crypto;
using crypto::testing::write_file;

namespace {

constexpr const char* kMasterKey = "A54DCA182530BB1D6D132CDED6237B2E";
constexpr const char* kFileKey = "3460BE31201E69FEDAA0EEE8B9997F5C7C2999FDAFE593253CD654AF4DFAD714";

std::string keys_file_text(const std::string& issuer_entries, const std::string& acquirers = "") {
  return R"({"issuers": {"31000001": [)" + issuer_entries + R"(]}, "acquirers": {)" +
         (acquirers.empty() ? R"("31000001": {"file_key": ")" + std::string(kFileKey) + R"("})"
                            : acquirers) +
         "}}";
}

std::string entry(const std::string& version, const std::string& algorithm,
                  const std::string& master_key) {
  return R"({"version": ")" + version + R"(", "alg": ")" + algorithm + R"(", "mtk": ")" +
         master_key + R"("})";
}

// True when the message shows any 12 consecutive characters of the key hex, in either case.
bool shows_key_material(const std::string& message, const std::string& key_hex) {
  std::string lower_message = message;
  for (char& c : lower_message) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  std::string lower_key = key_hex;
  for (char& c : lower_key) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (size_t start = 0; start + 12 <= lower_key.size(); ++start) {
    if (lower_message.find(lower_key.substr(start, 12)) != std::string::npos) return true;
  }
  return false;
}

// Reads `text` written with `mode` and returns the KeyFileError message (failing when none).
std::string refusal_of(const std::string& text, unsigned mode = 0600) {
  const auto path = cityclear::testing::scratch_dir("crypto_key_file") / "keys.json";
  write_file(path, text, mode);
  try {
    crypto::read_key_file(path);
  } catch (const crypto::KeyFileError& error) {
    const std::string message = error.what();
    CHECK(message.find(path.string()) != std::string::npos);
    CHECK(message.find('\n') == std::string::npos);
    CHECK_FALSE(shows_key_material(message, kMasterKey));
    CHECK_FALSE(shows_key_material(message, kFileKey));
    return message;
  }
  FAIL("the keys file was accepted: " << text);
  return "";
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("the sample keys file loads with all its keys", "[crypto][keys]") {
  const auto path = cityclear::testing::scratch_dir("crypto_sample_keys") / "keys.json";
  std::filesystem::copy_file(cityclear::testing::samples_dir() / "keys.json", path);
  REQUIRE(::chmod(path.c_str(), 0600) == 0);
  const crypto::KeyTable table = crypto::read_key_file(path);
  CHECK(table.master_key_count() == 6);
  CHECK(table.file_key_count() == 3);
  const auto provider = crypto::load_file_key_provider(path);
  for (uint32_t code : {31000001u, 33010001u, 52010001u}) {
    CHECK(provider->knows_issuer(code));
    CHECK(provider->knows_acquirer(code));
    CHECK(provider->knows_key({code, 0x01, 0x00}));
    CHECK(provider->knows_key({code, 0x02, 0x04}));
    CHECK_FALSE(provider->knows_key({code, 0x01, 0x04}));
    CHECK_FALSE(provider->knows_key({code, 0x03, 0x00}));
  }
  CHECK_FALSE(provider->knows_issuer(44000001));
  CHECK_FALSE(provider->knows_acquirer(44000001));
}

TEST_CASE("a keys file readable or writable by group or others is refused", "[crypto][keys]") {
  const std::string good = keys_file_text(entry("01", "00", kMasterKey));
  for (unsigned mode : {0644u, 0640u, 0604u, 0620u, 0602u, 0601u, 0660u}) {
    INFO("mode " << std::oct << mode);
    CHECK(contains(refusal_of(good, mode), "accessible by group or others"));
  }
  const auto path = cityclear::testing::scratch_dir("crypto_key_file_owner") / "keys.json";
  write_file(path, good, 0400);
  CHECK(crypto::read_key_file(path).master_key_count() == 1);
}

TEST_CASE("a missing keys file is refused", "[crypto][keys]") {
  const auto path = cityclear::testing::scratch_dir("crypto_key_file_missing") / "absent.json";
  try {
    crypto::read_key_file(path);
    FAIL("a missing file was accepted");
  } catch (const crypto::KeyFileError& error) {
    CHECK(contains(error.what(), "does not exist"));
    CHECK(contains(error.what(), path.string()));
  }
}

TEST_CASE("malformed keys files are refused without showing key material", "[crypto][keys]") {
  const std::string good_entry = entry("01", "00", kMasterKey);
  CHECK(contains(refusal_of(R"({"issuers": {"31000001": [)" + good_entry + " oops"),
                 "not valid JSON"));
  CHECK(contains(
      refusal_of(std::string(R"({"issuers": {"31000001": [{"mtk": ")") + kMasterKey + "\n"),
      "not valid JSON"));
  CHECK(contains(refusal_of("[]"), "not a JSON object"));
  CHECK(contains(refusal_of(R"({"acquirers": {}})"), "no \"issuers\" object"));
  CHECK(contains(refusal_of(R"({"issuers": {}})"), "no \"acquirers\" object"));
  CHECK(contains(refusal_of(R"({"issuers": {"3100001": []}, "acquirers": {}})"),
                 "\"3100001\" that is not 8 digits"));
  CHECK(contains(refusal_of(R"({"issuers": {"3100000A": []}, "acquirers": {}})"), "not 8 digits"));
  CHECK(contains(refusal_of(keys_file_text(
                     good_entry, R"("3100001": {"file_key": ")" + std::string(kFileKey) + "\"}")),
                 "acquirer code \"3100001\" that is not 8 digits"));
  CHECK(contains(refusal_of(R"({"issuers": {"31000001": {}}, "acquirers": {}})"),
                 "not a JSON array"));
}

TEST_CASE("bad key material, versions and algorithms are refused without showing key material",
          "[crypto][keys]") {
  std::string bad_hex = kMasterKey;
  bad_hex[7] = 'G';
  CHECK(contains(refusal_of(keys_file_text(entry("01", "00", bad_hex))),
                 "\"mtk\" in issuer 31000001 key 1 that is not 32 hex digits"));
  CHECK(contains(refusal_of(keys_file_text(entry("01", "00", std::string(kMasterKey).substr(2)))),
                 "not 32 hex digits"));
  CHECK(contains(refusal_of(keys_file_text(entry("01", "00", std::string(kMasterKey) + "00"))),
                 "not 32 hex digits"));
  CHECK(contains(refusal_of(keys_file_text(R"({"version": "01", "alg": "00", "mtk": 12})")),
                 "no \"mtk\" string"));
  CHECK(contains(refusal_of(keys_file_text(R"({"version": "01", "alg": "00"})")),
                 "no \"mtk\" string"));
  CHECK(contains(refusal_of(keys_file_text(entry("01", "05", kMasterKey))), "unknown alg \"05\""));
  CHECK(contains(refusal_of(keys_file_text(entry("01", kMasterKey, kMasterKey))),
                 "unknown alg a value of 32 characters"));
  CHECK(contains(refusal_of(keys_file_text(entry("1", "00", kMasterKey))),
                 "version \"1\" that is not 2 hex digits"));
  CHECK(contains(refusal_of(keys_file_text(entry("01", "00", kMasterKey) + "," +
                                           entry("01", "00", kMasterKey))),
                 "repeating version 01 alg 00"));
  std::string short_file_key =
      std::string(R"("31000001": {"file_key": ")") + std::string(kFileKey).substr(0, 62) + "\"}";
  CHECK(contains(refusal_of(keys_file_text(entry("01", "00", kMasterKey), short_file_key)),
                 "\"file_key\" in acquirer 31000001 that is not 64 hex digits"));
  CHECK(contains(refusal_of(R"({"issuers": {"31000001": [], "31000001": []}, "acquirers": {}})"),
                 "the key \"31000001\" twice"));
}

TEST_CASE("one version may carry both algorithms, and unknown fields are ignored",
          "[crypto][keys]") {
  const auto path = cityclear::testing::scratch_dir("crypto_key_file_both") / "keys.json";
  write_file(path, R"({"about": "test", )" + keys_file_text(entry("01", "00", kMasterKey) + "," +
                                                            entry("01", "04", kMasterKey))
                                                 .substr(1));
  const auto provider = crypto::load_file_key_provider(path);
  CHECK(provider->knows_key({31000001, 0x01, 0x00}));
  CHECK(provider->knows_key({31000001, 0x01, 0x04}));
}
