#pragma once
// Opens, binds and listens on a configured host:port (the host may be a name or an address).
#include <string_view>

#include <boost/asio/ip/tcp.hpp>

#include "config/config.h"

namespace cityclear::net {

// Throws ListenError naming `field` (e.g. "http.listen") and the reason.
void bind_acceptor(boost::asio::ip::tcp::acceptor& acceptor, const ListenAddress& address,
                   std::string_view field);

}  // namespace cityclear::net
