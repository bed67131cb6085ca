#pragma once
// gzip (RFC 1952) of a whole body, done before the timed phase so the client spends no CPU on it.
#include <string>

namespace cityclear::load {

std::string gzip_compress(const std::string& bytes);

}  // namespace cityclear::load
