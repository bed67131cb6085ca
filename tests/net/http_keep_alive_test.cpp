// Several requests on one connection, file downloads, settlement views, and a clean stop.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <thread>

#include "support/fake_backend.h"
#include "support/running_server.h"
#include "support/sample_config.h"
#include "support/test_socket.h"

using namespace cityclear;
using namespace cityclear::testing;
using nlohmann::json;

TEST_CASE("one connection carries many requests, refusals included", "[http]") {
  Config config = server_test_config("keep-alive");
  FakeBackend backend;
  RunningServer server(config, backend);
  TestSocket socket(server.http_port());
  for (const char* target : {"/healthz", "/nowhere", "/metrics", "/v1/blacklist", "/healthz"}) {
    REQUIRE(socket.send(std::string("GET ") + target + " HTTP/1.1\r\nHost: x\r\n\r\n"));
    auto reply = socket.receive_http(5000);
    REQUIRE(reply);
  }
  REQUIRE(socket.send("GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
  CHECK(socket.receive_http(5000)->status == 200);
  CHECK(socket.closed_by_peer(5000));
}

TEST_CASE("settlements: the operator sees every row, a participant its own", "[http]") {
  Config config = server_test_config("settlement-views");
  FakeBackend backend;
  RunningServer server(config, backend);
  HttpReply settled = http_request(server.http_port(), "POST", "/v1/settlements/20261121",
                                   sample_token("operator"));
  REQUIRE(settled.status == 200);
  auto all = json::parse(settled.body);
  CHECK(all["date"] == "20261121");
  CHECK(all["positions"].size() == 3);
  CHECK(all["positions"][0]["participant"] == "00000000");
  CHECK(all["files"].size() == 3);
  HttpReply own =
      http_request(server.http_port(), "GET", "/v1/settlements/20261121", sample_token("33010001"));
  REQUIRE(own.status == 200);
  auto mine = json::parse(own.body);
  REQUIRE(mine["positions"].size() == 1);
  CHECK(mine["positions"][0]["participant"] == "33010001");
  CHECK(mine["positions"][0]["net"] == 995);
  REQUIRE(mine["files"].size() == 1);
  CHECK(mine["files"][0]["name"] == "CLR_33010001_20261121.txt");
  HttpReply unsettled =
      http_request(server.http_port(), "GET", "/v1/settlements/20261120", sample_token("operator"));
  CHECK(unsettled.status == 404);
  CHECK(json::parse(unsettled.body)["error"] == "not_settled");
}

TEST_CASE("settlement files go byte for byte to whom they name, STL only to the operator",
          "[http]") {
  Config config = server_test_config("settlement-files");
  FakeBackend backend;
  RunningServer server(config, backend);
  uint16_t port = server.http_port();
  HttpReply own = http_request(port, "GET", "/v1/files/20261121/CLR_33010001_20261121.txt",
                               sample_token("33010001"));
  CHECK(own.status == 200);
  CHECK(own.headers.at("content-type") == "text/plain");
  CHECK(own.body == backend.file_bytes);
  CHECK(http_request(port, "GET", "/v1/files/20261121/CLR_33010001_20261121.txt",
                     sample_token("31000001"))
            .status == 403);
  CHECK(http_request(port, "GET", "/v1/files/20261121/STL_20261121.txt", sample_token("31000001"))
            .status == 403);
  CHECK(http_request(port, "GET", "/v1/files/20261121/STL_20261121.txt", sample_token("operator"))
            .body == backend.file_bytes);
  CHECK(http_request(port, "GET", "/v1/files/20261121/CLR_33010001_20261120.txt",
                     sample_token("operator"))
            .status == 404);
  CHECK(http_request(port, "GET", "/v1/files/20261120/STL_20261120.txt", sample_token("operator"))
            .status == 404);
  CHECK(http_request(port, "GET", "/v1/files/20261121/passwd", sample_token("operator")).status ==
        404);
  CHECK(std::filesystem::is_empty(config.spool_dir));
}

TEST_CASE("a stop finishes the upload in flight, then closes", "[http]") {
  Config config = server_test_config("clean-stop");
  FakeBackend backend;
  backend.outcome = accepted_outcome();
  backend.close_gate();
  auto server = std::make_unique<RunningServer>(config, backend);
  TestSocket uploading(server->http_port());
  REQUIRE(uploading.send("POST /v1/batches HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " +
                         sample_token("33010001") + "\r\nContent-Length: 3\r\n\r\nabc"));
  REQUIRE(backend.wait_for_uploads(1, 5000));
  TestSocket idle(server->http_port());
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  std::thread stopper([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    backend.open_gate();
  });
  net::StopReport report = server->stop();
  stopper.join();
  CHECK(report.drained);
  CHECK_FALSE(report.workers_busy);
  auto reply = uploading.receive_http(5000);
  REQUIRE(reply);
  CHECK(reply->status == 200);
  CHECK(reply->headers.at("connection") == "close");
  CHECK(idle.closed_by_peer(5000));
}
