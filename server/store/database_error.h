#pragma once
// The database failures callers answer differently: all three are retryable (HTTP 503 with
// Retry-After, a retryable error code over TCP, exit code 4 on the command line).
#include <stdexcept>
#include <string>

namespace cityclear::store {

// A message of libpq's or the server's as one sentence: without its trailing newlines and spaces.
inline std::string one_sentence(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}

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

// A failure that goes away by itself (serialization failure, deadlock, lock or statement
// timeout, the server shutting down), still there after the configured retries: HTTP 503.
class TransientDatabaseError : public std::runtime_error {
 public:
  explicit TransientDatabaseError(const std::string& sentence) : std::runtime_error(sentence) {}
};

}  // namespace cityclear::store
