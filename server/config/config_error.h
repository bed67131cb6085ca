#pragma once
#include <stdexcept>
#include <string>

namespace cityclear {

// A configuration that cannot be used: one clear sentence; the program exits with code 2.
class ConfigError : public std::runtime_error {
 public:
  explicit ConfigError(const std::string& sentence) : std::runtime_error(sentence) {}
};

}  // namespace cityclear
