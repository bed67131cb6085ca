#include "crypto/key_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <vector>

#include "common/bcd.h"
#include "common/hex.h"
#include "crypto/wiping_allocator.h"

namespace cityclear::crypto {
namespace {

// JSON whose strings (including the lexer's token buffer) use the wiping allocator, so the hex
// of the keys does not linger in freed memory after parsing.
using KeyJson = nlohmann::basic_json<std::map, std::vector, WipingString>;

class KeyFileReader {
 public:
  explicit KeyFileReader(const std::filesystem::path& path) : path_(path) {}

  KeyTable read() {
    const WipingString text = read_protected_file();
    const KeyJson document = parse(text);
    if (!document.is_object()) fail("is not a JSON object");
    read_issuers(member_object(document, "issuers", "the file"));
    read_acquirers(member_object(document, "acquirers", "the file"));
    return std::move(table_);
  }

 private:
  [[noreturn]] void fail(const std::string& problem) const {
    throw KeyFileError("keys file " + path_.string() + " " + problem);
  }

  WipingString read_protected_file() const;
  KeyJson parse(const WipingString& text) const;
  void read_issuers(const KeyJson& issuers);
  void read_issuer_key(uint32_t issuer_code, const std::string& where, const KeyJson& entry);
  void read_acquirers(const KeyJson& acquirers);

  const KeyJson& member_object(const KeyJson& parent, const char* name,
                               const std::string& where) const {
    auto found = parent.find(name);
    if (found == parent.end() || !found->is_object()) {
      fail("has no \"" + std::string(name) + "\" object in " + where);
    }
    return *found;
  }

  const WipingString& member_string(const KeyJson& parent, const char* name,
                                    const std::string& where) const {
    auto found = parent.find(name);
    if (found == parent.end() || !found->is_string()) {
      fail("has no \"" + std::string(name) + "\" string in " + where);
    }
    return found->template get_ref<const WipingString&>();
  }

  // Decodes hex key material of exactly out.size() bytes; the message never shows the text.
  template <size_t Size>
  void decode_key(const WipingString& hex, std::array<uint8_t, Size>& out, const char* name,
                  const std::string& where) const {
    if (!parse_hex_into(std::string_view(hex.data(), hex.size()), out)) {
      OPENSSL_cleanse(out.data(), out.size());
      fail("has a \"" + std::string(name) + "\" in " + where + " that is not " +
           std::to_string(2 * Size) + " hex digits");
    }
  }

  uint32_t code_of(const WipingString& text, const char* role) const;

  std::filesystem::path path_;
  KeyTable table_;
};

// Short non-secret values (codes, versions, algorithms) are quoted in messages; anything long
// enough to be key material is only described by its length.
std::string quoted_if_short(std::string_view text) {
  if (text.size() > 8) return "a value of " + std::to_string(text.size()) + " characters";
  std::string quoted(1, '"');  // appended piecewise: GCC 12 warns falsely (-Wrestrict) on a + chain
  quoted.append(text);
  quoted.push_back('"');
  return quoted;
}

WipingString KeyFileReader::read_protected_file() const {
  const int descriptor = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC);
  if (descriptor < 0) {
    if (errno == ENOENT) fail("does not exist");
    fail("cannot be opened (" + std::string(std::strerror(errno)) + ")");
  }
  struct stat status {};
  // Checked on the open descriptor, so the file read is the file checked.
  const bool stat_ok = ::fstat(descriptor, &status) == 0;
  auto close_and_fail = [&](const std::string& problem) {
    ::close(descriptor);
    fail(problem);
  };
  if (!stat_ok || !S_ISREG(status.st_mode)) close_and_fail("is not a regular file");
  if ((status.st_mode & 077) != 0) {
    char mode[8];
    std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(status.st_mode & 07777));
    close_and_fail("is accessible by group or others (mode " + std::string(mode) +
                   "), but must be 0600 or stricter (chmod 600)");
  }
  WipingString text;
  text.reserve(static_cast<size_t>(status.st_size) + 1);  // one buffer: no reallocated copies
  char chunk[4096];
  for (;;) {
    const ssize_t length = ::read(descriptor, chunk, sizeof chunk);
    if (length < 0 && errno == EINTR) continue;
    if (length < 0) close_and_fail("cannot be read (" + std::string(std::strerror(errno)) + ")");
    if (length == 0) break;
    text.append(chunk, static_cast<size_t>(length));
  }
  OPENSSL_cleanse(chunk, sizeof chunk);
  ::close(descriptor);
  return text;
}

KeyJson KeyFileReader::parse(const WipingString& text) const {
  // nlohmann keeps the last of duplicate keys silently; a keys file with a duplicate issuer or
  // field is ambiguous, so the parser callback tracks the keys of every open object.
  std::vector<std::set<WipingString>> open_objects;
  std::string duplicate;
  auto track_duplicates = [&](int, KeyJson::parse_event_t event, KeyJson& parsed) {
    if (event == KeyJson::parse_event_t::object_start) open_objects.emplace_back();
    if (event == KeyJson::parse_event_t::object_end && !open_objects.empty())
      open_objects.pop_back();
    if (event == KeyJson::parse_event_t::key && !open_objects.empty() && duplicate.empty()) {
      const auto& key = parsed.template get_ref<const WipingString&>();
      if (!open_objects.back().insert(key).second)
        duplicate = quoted_if_short(std::string_view(key.data(), key.size()));
    }
    return true;
  };
  try {
    KeyJson document = KeyJson::parse(text.begin(), text.end(), track_duplicates);
    if (!duplicate.empty()) fail("has the key " + duplicate + " twice in one JSON object");
    return document;
  } catch (const KeyJson::parse_error& error) {
    // The library's own message quotes the text near the error, which may be key material.
    fail("is not valid JSON (syntax error at byte " + std::to_string(error.byte) + ")");
  }
}

uint32_t KeyFileReader::code_of(const WipingString& text, const char* role) const {
  const std::string_view view(text.data(), text.size());
  if (view.size() != 8 || !is_decimal(view)) {
    fail("has " + std::string(role) + " code " + quoted_if_short(view) + " that is not 8 digits");
  }
  return static_cast<uint32_t>(*parse_decimal(view));
}

void KeyFileReader::read_issuers(const KeyJson& issuers) {
  for (auto issuer = issuers.begin(); issuer != issuers.end(); ++issuer) {
    const uint32_t issuer_code = code_of(issuer.key(), "issuer");
    const std::string name(issuer.key().data(), issuer.key().size());
    if (!issuer.value().is_array()) fail("has issuer " + name + " whose keys are not a JSON array");
    size_t position = 0;
    for (const KeyJson& entry : issuer.value()) {
      ++position;
      const std::string where = "issuer " + name + " key " + std::to_string(position);
      if (!entry.is_object()) fail("has " + where + " that is not a JSON object");
      read_issuer_key(issuer_code, where, entry);
    }
  }
}

void KeyFileReader::read_issuer_key(uint32_t issuer_code, const std::string& where,
                                    const KeyJson& entry) {
  const WipingString& version_text = member_string(entry, "version", where);
  std::array<uint8_t, 1> version{};
  if (!parse_hex_into(std::string_view(version_text.data(), version_text.size()), version)) {
    fail("has " + where + " with version " +
         quoted_if_short({version_text.data(), version_text.size()}) + " that is not 2 hex digits");
  }
  const WipingString& algorithm_text = member_string(entry, "alg", where);
  std::array<uint8_t, 1> algorithm_byte{};
  std::optional<Algorithm> algorithm;
  if (parse_hex_into(std::string_view(algorithm_text.data(), algorithm_text.size()),
                     algorithm_byte)) {
    algorithm = algorithm_of_byte(algorithm_byte[0]);
  }
  if (!algorithm) {
    fail("has " + where + " with unknown alg " +
         quoted_if_short({algorithm_text.data(), algorithm_text.size()}) +
         " (expected \"00\" for 3DES or \"04\" for SM4)");
  }
  std::array<uint8_t, 16> master_key{};
  decode_key(member_string(entry, "mtk", where), master_key, "mtk", where);
  const bool added = table_.add_master_key(issuer_code, version[0], *algorithm, master_key);
  OPENSSL_cleanse(master_key.data(), master_key.size());
  if (!added) {
    fail("has " + where + " repeating version " + to_hex(version) + " alg " +
         to_hex(algorithm_byte) + " of the same issuer");
  }
}

void KeyFileReader::read_acquirers(const KeyJson& acquirers) {
  for (auto acquirer = acquirers.begin(); acquirer != acquirers.end(); ++acquirer) {
    const uint32_t acquirer_code = code_of(acquirer.key(), "acquirer");
    const std::string where =
        "acquirer " + std::string(acquirer.key().data(), acquirer.key().size());
    if (!acquirer.value().is_object()) fail("has " + where + " that is not a JSON object");
    std::array<uint8_t, 32> file_key{};
    decode_key(member_string(acquirer.value(), "file_key", where), file_key, "file_key", where);
    table_.add_file_key(acquirer_code, file_key);  // codes are unique: duplicates fail in parse()
    OPENSSL_cleanse(file_key.data(), file_key.size());
  }
}

}  // namespace

KeyTable read_key_file(const std::filesystem::path& path) {
  return KeyFileReader(path).read();
}

}  // namespace cityclear::crypto
