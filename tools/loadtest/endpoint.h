#pragma once
// A loopback listener's address, "127.0.0.1:8080" (IPv4 only: the load test stays on loopback).
#include <cstdint>
#include <string>

namespace cityclear::load {

struct Endpoint {
  std::string host;
  uint16_t port = 0;
  std::string text() const { return host + ":" + std::to_string(port); }
};

// Throws std::invalid_argument for anything but HOST:PORT with a dotted IPv4 host.
Endpoint parse_endpoint(const std::string& text);

}  // namespace cityclear::load
