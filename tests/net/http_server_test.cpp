// The HTTP listener over real sockets, on a FakeBackend (no database).
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <thread>

#include "support/fake_backend.h"
#include "support/gzip_compress.h"
#include "support/running_server.h"
#include "support/sample_config.h"
#include "support/test_socket.h"

using namespace cityclear;
using namespace cityclear::testing;
using nlohmann::json;

namespace {

void check_error_shape(const HttpReply& reply, int status, const std::string& code) {
  INFO(reply.body);
  CHECK(reply.status == status);
  CHECK(reply.headers.at("content-type") == "application/json");
  auto body = json::parse(reply.body);
  CHECK(body.size() == 2);
  CHECK(body.at("error") == code);
  CHECK(body.at("detail").is_string());
  CHECK_FALSE(body.at("detail").get<std::string>().empty());
}

std::string token(const std::string& who) {
  return sample_token(who);
}

}  // namespace

TEST_CASE("healthz, readyz and metrics answer", "[http]") {
  Config config = server_test_config("http-probes");
  FakeBackend backend;
  RunningServer server(config, backend);
  HttpReply health = http_request(server.http_port(), "GET", "/healthz");
  CHECK(health.status == 200);
  CHECK(json::parse(health.body)["status"] == "serving");
  CHECK(http_request(server.http_port(), "GET", "/readyz").status == 200);
  backend.ready = false;
  check_error_shape(http_request(server.http_port(), "GET", "/readyz"), 503,
                    "database_unavailable");
  HttpReply metrics = http_request(server.http_port(), "GET", "/metrics");
  CHECK(metrics.status == 200);
  CHECK(metrics.headers.at("content-type").starts_with("text/plain"));
  CHECK(metrics.body.find(
            "cityclear_http_requests_total{route=\"/healthz\",method=\"GET\",status=\"200\"}") !=
        std::string::npos);
  CHECK(metrics.body.find("# TYPE cityclear_http_request_duration_seconds summary") !=
        std::string::npos);
  CHECK(metrics.body.find("cityclear_http_requests_in_flight") != std::string::npos);
  CHECK(metrics.body.find("cityclear_http_connections") != std::string::npos);
  CHECK(metrics.body.find("cityclear_worker_jobs_queued{pool=\"ingest\"}") != std::string::npos);
}

TEST_CASE("unknown paths, wrong methods and bad requests get the JSON error shape", "[http]") {
  Config config = server_test_config("http-errors");
  FakeBackend backend;
  RunningServer server(config, backend);
  check_error_shape(http_request(server.http_port(), "GET", "/nowhere"), 404, "not_found");
  HttpReply wrong_method = http_request(server.http_port(), "DELETE", "/v1/batches");
  check_error_shape(wrong_method, 405, "method_not_allowed");
  CHECK(wrong_method.headers.at("allow") == "POST");
  check_error_shape(
      http_request(server.http_port(), "PUT", "/v1/settlements/20261121", token("operator")), 405,
      "method_not_allowed");
  check_error_shape(http_request(server.http_port(), "GET", "/v1/batches/3301/HZ2026112100000001AB",
                                 token("33010001")),
                    400, "bad_request");
  check_error_shape(
      http_request(server.http_port(), "GET", "/v1/settlements/20261131", token("operator")), 400,
      "bad_request");
  TestSocket garbage(server.http_port());
  REQUIRE(garbage.send("THIS IS NOT HTTP\r\n\r\n"));
  auto reply = garbage.receive_http(5000);
  REQUIRE(reply);
  check_error_shape(*reply, 400, "bad_request");
  CHECK(garbage.closed_by_peer(5000));
}

TEST_CASE("401 without a known token, 403 for a caller who may not", "[http]") {
  Config config = server_test_config("http-auth");
  FakeBackend backend;
  backend.outcome = accepted_outcome();
  RunningServer server(config, backend);
  uint16_t port = server.http_port();
  HttpReply missing = http_request(port, "GET", "/v1/batches/33010001/HZ2026112100000001AB");
  check_error_shape(missing, 401, "unauthorized");
  CHECK(missing.headers.at("www-authenticate") == "Bearer");
  check_error_shape(http_request(port, "GET", "/v1/blacklist", "not-a-token"), 401, "unauthorized");
  check_error_shape(http_request(port, "POST", "/v1/batches", token("operator"), "x"), 403,
                    "forbidden");
  check_error_shape(http_request(port, "POST", "/v1/settlements/20261121", token("31000001")), 403,
                    "forbidden");
  check_error_shape(
      http_request(port, "GET", "/v1/batches/33010001/HZ2026112100000001AB", token("31000001")),
      403, "forbidden");
  CHECK(http_request(port, "GET", "/v1/batches/33010001/HZ2026112100000001AB", token("33010001"))
            .status == 200);
  CHECK(http_request(port, "GET", "/v1/batches/33010001/HZ2026112100000001AB", token("operator"))
            .status == 200);
  check_error_shape(
      http_request(port, "GET", "/v1/batches/33010001/HZ2026112100000001XX", token("33010001")),
      404, "not_found");
  check_error_shape(http_request(port, "POST", "/v1/reconciliations", token("31000001")), 403,
                    "forbidden");
  check_error_shape(http_request(port, "POST", "/v1/reconciliations", token("operator")), 501,
                    "not_implemented");
  check_error_shape(http_request(port, "GET", "/v1/blacklist", token("31000001")), 501,
                    "not_implemented");
  check_error_shape(http_request(port, "GET", "/v1/exceptions?issuer=31000001", ""), 401,
                    "unauthorized");
  CHECK(backend.uploaded_bodies().empty());
}

TEST_CASE("an upload is spooled, handed to the backend with its uploader, and answered", "[http]") {
  Config config = server_test_config("http-upload");
  FakeBackend backend;
  backend.outcome = accepted_outcome();
  RunningServer server(config, backend);
  HttpReply reply = http_request(server.http_port(), "POST", "/v1/batches", token("33010001"),
                                 "HTB1 the file bytes\n");
  CHECK(reply.status == 200);
  auto body = json::parse(reply.body);
  CHECK(body["batch_id"] == "HZ2026112100000001AB");
  CHECK(body["by_reason"]["00"] == 2);
  REQUIRE(backend.uploaded_bodies().size() == 1);
  CHECK(backend.uploaded_bodies()[0] == "HTB1 the file bytes\n");
  CHECK(backend.upload_origins()[0].uploader_code == 33010001u);
  CHECK(backend.upload_origins()[0].source == ingest::UploadSource::http);
  CHECK(std::filesystem::is_empty(config.spool_dir));
}

TEST_CASE("a gzip upload is inflated on the way in", "[http]") {
  Config config = server_test_config("http-gzip");
  FakeBackend backend;
  backend.outcome = accepted_outcome();
  RunningServer server(config, backend);
  std::string original;
  for (int i = 0; i < 2000; ++i) {
    original += 'D';
    original += std::to_string(i);
    original.append(110, 'x');
    original += '\n';
  }
  HttpReply reply = http_request(server.http_port(), "POST", "/v1/batches", token("33010001"),
                                 gzip_compress(original), "Content-Encoding: gzip\r\n");
  CHECK(reply.status == 200);
  REQUIRE(backend.uploaded_bodies().size() == 1);
  CHECK(backend.uploaded_bodies()[0] == original);
  check_error_shape(http_request(server.http_port(), "POST", "/v1/batches", token("33010001"),
                                 "not gzip at all", "Content-Encoding: gzip\r\n"),
                    400, "bad_request");
  check_error_shape(http_request(server.http_port(), "POST", "/v1/batches", token("33010001"), "x",
                                 "Content-Encoding: br\r\n"),
                    415, "unsupported_encoding");
  CHECK(backend.uploaded_bodies().size() == 1);
}
