#pragma once
#include <stdexcept>
#include <string>

namespace cityclear::store {

// The database cannot be reached (connect failed, connection lost): exit code 4, HTTP 503.
class DatabaseUnavailable : public std::runtime_error {
 public:
  explicit DatabaseUnavailable(const std::string& sentence) : std::runtime_error(sentence) {}
};

// Every pooled connection is busy past the configured wait: HTTP 503, retry later.
class PoolExhausted : public std::runtime_error {
 public:
  explicit PoolExhausted(const std::string& sentence) : std::runtime_error(sentence) {}
};

}  // namespace cityclear::store
