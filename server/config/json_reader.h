#pragma once
// Strict reading of a JSON configuration object: every key must be known, every value in range.
// Errors are one sentence naming the file and the dotted path of the field.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

namespace cityclear {

class JsonObjectReader {
 public:
  JsonObjectReader(const nlohmann::json& object, std::string file, std::string path);

  bool has(const std::string& key) const;
  std::string string(const std::string& key, const std::string& fallback);
  std::string required_string(const std::string& key);
  int64_t integer(const std::string& key, int64_t fallback, int64_t minimum, int64_t maximum);
  bool boolean(const std::string& key, bool fallback);
  JsonObjectReader object(const std::string& key);      // an empty object when absent
  const nlohmann::json& array(const std::string& key);  // throws when absent or not an array
  // Throws when the object has a key none of the calls above asked for.
  void finish() const;

  [[noreturn]] void fail(const std::string& key, const std::string& problem) const;
  std::string field_name(const std::string& key) const;

 private:
  const nlohmann::json& object_;
  std::string file_;
  std::string path_;
  std::set<std::string> known_;
};

// Parses a JSON file; throws ConfigError ("cannot read", "is not valid JSON", "must be an object").
nlohmann::json read_json_file(const std::string& file);

}  // namespace cityclear
