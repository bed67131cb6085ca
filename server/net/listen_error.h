#pragma once
#include <stdexcept>
#include <string>

namespace cityclear::net {

// A listener cannot bind its address (in use, not an address of this host, no permission).
class ListenError : public std::runtime_error {
 public:
  explicit ListenError(const std::string& sentence) : std::runtime_error(sentence) {}
};

}  // namespace cityclear::net
