// Every HTTP limit of the configuration is enforced with a clear answer, never a hang.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "support/fake_backend.h"
#include "support/gzip_compress.h"
#include "support/running_server.h"
#include "support/sample_config.h"
#include "support/test_socket.h"

using namespace cityclear;
using namespace cityclear::testing;
using nlohmann::json;

namespace {

std::string upload_head(const std::string& extra_headers) {
  return "POST /v1/batches HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " +
         sample_token("33010001") + "\r\n" + extra_headers + "\r\n";
}

std::string error_code_of(const HttpReply& reply) {
  return json::parse(reply.body).at("error");
}

}  // namespace

TEST_CASE("a body over max_body_bytes is refused from its Content-Length before it is read",
          "[http][limits]") {
  Config config = server_test_config("limits-length");
  config.http.max_body_bytes = 4096;
  FakeBackend backend;
  backend.outcome = accepted_outcome();
  RunningServer server(config, backend);
  TestSocket socket(server.http_port());
  REQUIRE(socket.send(upload_head("Content-Length: 4097\r\n")));  // no body sent at all
  auto reply = socket.receive_http(5000);
  REQUIRE(reply);
  CHECK(reply->status == 413);
  CHECK(error_code_of(*reply) == "payload_too_large");
  CHECK(reply->headers.at("connection") == "close");
  CHECK(socket.closed_by_peer(5000));
  CHECK(http_request(server.http_port(), "POST", "/v1/batches", sample_token("33010001"),
                     std::string(4096, 'x'))
            .status == 200);
  CHECK(backend.uploaded_bodies().size() == 1);
}

TEST_CASE("a chunked body is limited while it is read", "[http][limits]") {
  Config config = server_test_config("limits-chunked");
  config.http.max_body_bytes = 4096;
  FakeBackend backend;
  backend.outcome = accepted_outcome();
  RunningServer server(config, backend);
  TestSocket socket(server.http_port());
  std::string chunk(3000, 'a');
  REQUIRE(socket.send(upload_head("Transfer-Encoding: chunked\r\n") + "bb8\r\n" + chunk + "\r\n"));
  socket.send("bb8\r\n" + chunk + "\r\n0\r\n\r\n");
  auto reply = socket.receive_http(5000);
  REQUIRE(reply);
  CHECK(reply->status == 413);
  CHECK(backend.uploaded_bodies().empty());

  TestSocket small(server.http_port());
  REQUIRE(small.send(upload_head("Transfer-Encoding: chunked\r\n") +
                     "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n"));
  auto accepted = small.receive_http(5000);
  REQUIRE(accepted);
  CHECK(accepted->status == 200);
  REQUIRE(backend.uploaded_bodies().size() == 1);
  CHECK(backend.uploaded_bodies()[0] == "hello world");
}

TEST_CASE("a gzip body that inflates past the limit (a zip bomb) gets 413", "[http][limits]") {
  Config config = server_test_config("limits-bomb");
  config.http.max_body_bytes = 1 << 20;
  FakeBackend backend;
  RunningServer server(config, backend);
  std::string bomb = gzip_compress(std::string(64 << 20, '\0'));
  REQUIRE(bomb.size() < (1u << 20));
  HttpReply reply = http_request(server.http_port(), "POST", "/v1/batches",
                                 sample_token("33010001"), bomb, "Content-Encoding: gzip\r\n");
  CHECK(reply.status == 413);
  CHECK(error_code_of(reply) == "payload_too_large");
  CHECK(backend.uploaded_bodies().empty());
  CHECK(std::filesystem::is_empty(config.spool_dir));
}

TEST_CASE("a header over max_header_bytes gets 431", "[http][limits]") {
  Config config = server_test_config("limits-header");
  config.http.max_header_bytes = 2048;
  FakeBackend backend;
  RunningServer server(config, backend);
  HttpReply reply = http_request(server.http_port(), "GET", "/healthz", "", "",
                                 "X-Padding: " + std::string(4000, 'p') + "\r\n");
  CHECK(reply.status == 431);
  CHECK(error_code_of(reply) == "header_too_large");
  CHECK(http_request(server.http_port(), "GET", "/healthz", "", "",
                     "X-Padding: " + std::string(1000, 'p') + "\r\n")
            .status == 200);
}

TEST_CASE("a client that stalls past request_timeout_ms is closed", "[http][limits]") {
  Config config = server_test_config("limits-timeout");
  config.http.request_timeout_ms = 300;
  FakeBackend backend;
  RunningServer server(config, backend);
  TestSocket idle(server.http_port());
  CHECK(idle.closed_by_peer(3000));
  TestSocket half_header(server.http_port());
  REQUIRE(half_header.send("GET /healthz HTTP/1.1\r\nHost: x\r\n"));
  CHECK(half_header.closed_by_peer(3000));
  TestSocket half_body(server.http_port());
  REQUIRE(half_body.send(upload_head("Content-Length: 100\r\n") + "only part of it"));
  CHECK(half_body.closed_by_peer(3000));
  CHECK(backend.uploaded_bodies().empty());
  CHECK(http_request(server.http_port(), "GET", "/healthz").status == 200);
}

TEST_CASE("connections over max_connections are answered 503 and closed", "[http][limits]") {
  Config config = server_test_config("limits-connections");
  config.http.max_connections = 2;
  FakeBackend backend;
  RunningServer server(config, backend);
  TestSocket first(server.http_port());
  TestSocket second(server.http_port());
  REQUIRE(first.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"));
  REQUIRE(first.receive_http(5000));
  REQUIRE(second.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"));
  REQUIRE(second.receive_http(5000));
  TestSocket third(server.http_port());
  auto refused = third.receive_http(5000);
  REQUIRE(refused);
  CHECK(refused->status == 503);
  CHECK(error_code_of(*refused) == "busy");
  CHECK(third.closed_by_peer(5000));
}

TEST_CASE("uploads over the ingest queue depth are answered 503 busy", "[http][limits]") {
  Config config = server_test_config("limits-queue");
  config.ingest.workers = 1;
  config.ingest.queue_depth = 1;
  FakeBackend backend;
  backend.outcome = accepted_outcome();
  backend.close_gate();
  RunningServer server(config, backend);
  std::string request = upload_head("Content-Length: 3\r\n") + "abc";
  TestSocket running(server.http_port());
  REQUIRE(running.send(request));
  REQUIRE(backend.wait_for_uploads(1, 5000));  // the worker holds it at the gate
  TestSocket queued(server.http_port());
  REQUIRE(queued.send(request));
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  TestSocket refused(server.http_port());
  REQUIRE(refused.send(request));
  auto busy = refused.receive_http(5000);
  REQUIRE(busy);
  CHECK(busy->status == 503);
  CHECK(error_code_of(*busy) == "busy");
  backend.open_gate();
  CHECK(running.receive_http(5000)->status == 200);
  CHECK(queued.receive_http(5000)->status == 200);
}

TEST_CASE("Expect: 100-continue gets its interim answer before the body", "[http][limits]") {
  Config config = server_test_config("limits-continue");
  FakeBackend backend;
  backend.outcome = accepted_outcome();
  RunningServer server(config, backend);
  TestSocket socket(server.http_port());
  REQUIRE(socket.send(upload_head("Content-Length: 5\r\nExpect: 100-continue\r\n")));
  auto interim = socket.receive_exactly(25, 5000);
  REQUIRE(interim);
  CHECK(*interim == "HTTP/1.1 100 Continue\r\n\r\n");
  REQUIRE(socket.send("hello"));
  auto reply = socket.receive_http(5000);
  REQUIRE(reply);
  CHECK(reply->status == 200);
}
