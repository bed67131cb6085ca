#pragma once
// The accepting side both listeners share (HTTP in http_server.cpp, TCP in tcp_server.cpp):
// connections accepted one after another, each on a strand of its own, until the acceptor closes;
// each session started within the connection limit or refused; the acceptor closed from any thread.
#include <cstdint>
#include <memory>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/strand.hpp>

#include "net/connection_registry.h"

namespace cityclear::net {

// Hands every accepted socket to `admit` until the acceptor is closed; a failed accept (the peer
// gone already, no file descriptors left) is skipped and the loop goes on.
template <class Admit>
void accept_connections(boost::asio::io_context& io, boost::asio::ip::tcp::acceptor& acceptor,
                        Admit admit) {
  acceptor.async_accept(boost::asio::make_strand(io),
                        [&io, &acceptor, admit](boost::system::error_code error,
                                                boost::asio::ip::tcp::socket socket) {
                          if (error == boost::asio::error::operation_aborted || !acceptor.is_open())
                            return;
                          if (!error) admit(std::move(socket));
                          accept_connections(io, acceptor, admit);
                        });
}

// Registers a new session within `limit` connections (so that a stop can ask it to close) and
// starts it; over the limit, the session refuses its connection instead.
template <class Session>
void start_within_limit(const std::shared_ptr<Session>& session, ConnectionRegistry& registry,
                        int limit) {
  std::weak_ptr<Session> weak = session;
  uint64_t registration = registry.try_register(limit, [weak](CloseRequest request) {
    if (auto alive = weak.lock()) alive->request_close(request);
  });
  if (registration == 0) return session->refuse();
  session->start(registration);
}

// Closes the acceptor on its own executor: safe from any thread.
inline void close_acceptor_later(boost::asio::ip::tcp::acceptor& acceptor) {
  boost::asio::post(acceptor.get_executor(), [&acceptor] {
    boost::system::error_code ignored;
    acceptor.close(ignored);
  });
}

}  // namespace cityclear::net
