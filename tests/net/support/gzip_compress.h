#pragma once
#include <string>
#include <string_view>

namespace cityclear::testing {

// One gzip member of `bytes` (zlib, independent of the server's inflater).
std::string gzip_compress(std::string_view bytes);

}  // namespace cityclear::testing
