#pragma once
// Invariants: a broken one is a bug. CITYCLEAR_CHECK is always on, in every build type.
#include <source_location>
#include <string_view>

namespace cityclear {

[[noreturn]] void invariant_failed(std::string_view condition, std::string_view message,
                                   std::source_location where = std::source_location::current());

}  // namespace cityclear

#define CITYCLEAR_CHECK(condition, message)                 \
  do {                                                      \
    if (!(condition)) [[unlikely]]                          \
      ::cityclear::invariant_failed(#condition, (message)); \
  } while (false)
