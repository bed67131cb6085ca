#include "net/bind_acceptor.h"

#include <boost/asio/ip/tcp.hpp>

#include "net/listen_error.h"

namespace cityclear::net {

void bind_acceptor(boost::asio::ip::tcp::acceptor& acceptor, const ListenAddress& address,
                   std::string_view field) {
  using boost::asio::ip::tcp;
  std::string where = address.host + ":" + std::to_string(address.port);
  boost::system::error_code error;
  tcp::resolver resolver(acceptor.get_executor());
  auto endpoints =
      resolver.resolve(address.host, std::to_string(address.port), tcp::resolver::passive, error);
  if (error || endpoints.empty()) {
    throw ListenError("cannot listen on " + where + " (" + std::string(field) +
                      "): " + error.message());
  }
  tcp::endpoint endpoint = endpoints.begin()->endpoint();
  acceptor.open(endpoint.protocol(), error);
  if (!error) acceptor.set_option(tcp::acceptor::reuse_address(true), error);
  if (!error) acceptor.bind(endpoint, error);
  if (!error) acceptor.listen(tcp::socket::max_listen_connections, error);
  if (error)
    throw ListenError("cannot listen on " + where + " (" + std::string(field) +
                      "): " + error.message());
}

}  // namespace cityclear::net
