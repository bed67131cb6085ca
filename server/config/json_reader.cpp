#include "config/json_reader.h"

#include <fstream>
#include <sstream>

#include "config/config_error.h"

namespace cityclear {
namespace {
const nlohmann::json& empty_object() {
  static const nlohmann::json empty = nlohmann::json::object();
  return empty;
}
}  // namespace

JsonObjectReader::JsonObjectReader(const nlohmann::json& object, std::string file, std::string path)
    : object_(object), file_(std::move(file)), path_(std::move(path)) {
  if (!object_.is_object()) {
    throw ConfigError(file_ + ": " + (path_.empty() ? std::string("the top level") : path_) +
                      " must be a JSON object");
  }
}

std::string JsonObjectReader::field_name(const std::string& key) const {
  return path_.empty() ? key : path_ + "." + key;
}

void JsonObjectReader::fail(const std::string& key, const std::string& problem) const {
  throw ConfigError(file_ + ": field \"" + field_name(key) + "\" " + problem);
}

bool JsonObjectReader::has(const std::string& key) const {
  return object_.contains(key);
}

std::string JsonObjectReader::string(const std::string& key, const std::string& fallback) {
  known_.insert(key);
  if (!object_.contains(key)) return fallback;
  const auto& value = object_.at(key);
  if (!value.is_string()) fail(key, "must be a string");
  return value.get<std::string>();
}

std::string JsonObjectReader::required_string(const std::string& key) {
  if (!object_.contains(key)) fail(key, "is missing");
  std::string value = string(key, "");
  if (value.empty()) fail(key, "must not be empty");
  return value;
}

int64_t JsonObjectReader::integer(const std::string& key, int64_t fallback, int64_t minimum,
                                  int64_t maximum) {
  known_.insert(key);
  if (!object_.contains(key)) return fallback;
  const auto& value = object_.at(key);
  if (!value.is_number_integer()) fail(key, "must be an integer");
  int64_t number = value.get<int64_t>();
  if (number < minimum || number > maximum) {
    fail(key, "must be between " + std::to_string(minimum) + " and " + std::to_string(maximum) +
                  ", not " + std::to_string(number));
  }
  return number;
}

bool JsonObjectReader::boolean(const std::string& key, bool fallback) {
  known_.insert(key);
  if (!object_.contains(key)) return fallback;
  const auto& value = object_.at(key);
  if (!value.is_boolean()) fail(key, "must be true or false");
  return value.get<bool>();
}

JsonObjectReader JsonObjectReader::object(const std::string& key) {
  known_.insert(key);
  if (!object_.contains(key)) return JsonObjectReader(empty_object(), file_, field_name(key));
  return JsonObjectReader(object_.at(key), file_, field_name(key));
}

const nlohmann::json& JsonObjectReader::array(const std::string& key) {
  known_.insert(key);
  if (!object_.contains(key)) fail(key, "is missing");
  const auto& value = object_.at(key);
  if (!value.is_array()) fail(key, "must be an array");
  return value;
}

void JsonObjectReader::finish() const {
  for (const auto& item : object_.items()) {
    if (!known_.contains(item.key())) fail(item.key(), "is not a known setting");
  }
}

nlohmann::json read_json_file(const std::string& file) {
  std::ifstream input(file, std::ios::binary);
  if (!input) throw ConfigError("cannot read " + file + ": no such file or not readable");
  std::stringstream buffer;
  buffer << input.rdbuf();
  try {
    return nlohmann::json::parse(buffer.str());
  } catch (const nlohmann::json::parse_error& error) {
    throw ConfigError(file + " is not valid JSON (at byte " + std::to_string(error.byte) + ")");
  }
}

}  // namespace cityclear
