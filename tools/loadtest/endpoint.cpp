#include "loadtest/endpoint.h"

#include <arpa/inet.h>

#include <stdexcept>

namespace cityclear::load {

Endpoint parse_endpoint(const std::string& text) {
  size_t colon = text.rfind(':');
  if (colon == std::string::npos) throw std::invalid_argument("address without a port: " + text);
  Endpoint endpoint{text.substr(0, colon), 0};
  in_addr address{};
  if (inet_pton(AF_INET, endpoint.host.c_str(), &address) != 1) {
    throw std::invalid_argument("not an IPv4 address: " + endpoint.host);
  }
  int port = 0;
  try {
    port = std::stoi(text.substr(colon + 1));
  } catch (const std::exception&) {
    throw std::invalid_argument("bad port in " + text);
  }
  if (port < 1 || port > 65535) throw std::invalid_argument("port out of range in " + text);
  endpoint.port = static_cast<uint16_t>(port);
  return endpoint;
}

}  // namespace cityclear::load
