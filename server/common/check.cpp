#include "common/check.h"

#include <cstdio>
#include <cstdlib>

namespace cityclear {

void invariant_failed(std::string_view condition, std::string_view message,
                      std::source_location where) {
  std::fprintf(stderr, "cityclear: invariant broken at %s:%u: %.*s (%.*s)\n", where.file_name(),
               static_cast<unsigned>(where.line()), static_cast<int>(message.size()),
               message.data(), static_cast<int>(condition.size()), condition.data());
  std::fflush(stderr);
  std::abort();
}

}  // namespace cityclear
