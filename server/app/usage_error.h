#pragma once
#include <stdexcept>
#include <string>

namespace cityclear::app {

// The command line was used wrongly (unknown option, missing argument): exit 2 with one line.
class UsageError : public std::runtime_error {
 public:
  explicit UsageError(const std::string& sentence) : std::runtime_error(sentence) {}
};

}  // namespace cityclear::app
