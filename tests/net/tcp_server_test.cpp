// The TCP upload listener over real sockets, on a FakeBackend (no database).
#include <catch2/catch.hpp>
#include <cstring>
#include <nlohmann/json.hpp>
#include <thread>

#include "net/tcp_frame.h"
#include "support/fake_backend.h"
#include "support/running_server.h"
#include "support/test_socket.h"

using namespace cityclear;
using namespace cityclear::testing;
using nlohmann::json;

namespace {

// Reads one answer frame: its JSON.
std::optional<json> receive_answer(TestSocket& socket) {
  auto prefix = socket.receive_exactly(4, 5000);
  if (!prefix) return std::nullopt;
  std::array<uint8_t, 4> bytes{};
  std::memcpy(bytes.data(), prefix->data(), bytes.size());
  auto length = net::decode_frame_length(bytes, 1 << 20);
  if (!length) return std::nullopt;
  auto payload = socket.receive_exactly(*length, 5000);
  if (!payload) return std::nullopt;
  return json::parse(*payload);
}

std::string length_prefix(uint32_t length) {
  return net::encode_frame(std::string(length, ' ')).substr(0, 4);
}

}  // namespace

TEST_CASE("many frames on one connection each get the outcome JSON", "[tcp]") {
  Config config = server_test_config("tcp-frames");
  FakeBackend backend;
  backend.outcome = accepted_outcome();
  RunningServer server(config, backend);
  TestSocket socket(server.tcp_port());
  for (const std::string& file : std::vector<std::string>{"first file\n", "second file, longer\n",
                                                          std::string(200000, 'z')}) {
    REQUIRE(socket.send(net::encode_frame(file)));
    auto answer = receive_answer(socket);
    REQUIRE(answer);
    CHECK((*answer)["batch_id"] == "HZ2026112100000001AB");
    CHECK((*answer)["status"] == "accepted");
  }
  auto bodies = backend.uploaded_bodies();
  REQUIRE(bodies.size() == 3);
  CHECK(bodies[1] == "second file, longer\n");
  CHECK(bodies[2].size() == 200000);
  CHECK_FALSE(backend.upload_origins()[0].uploader_code);
  CHECK(backend.upload_origins()[0].source == ingest::UploadSource::tcp);
  CHECK(std::filesystem::is_empty(config.spool_dir));
}

TEST_CASE("a frame length of 0 or over the maximum closes the connection", "[tcp]") {
  Config config = server_test_config("tcp-bad-length");
  config.tcp.max_frame_bytes = 1024;
  FakeBackend backend;
  RunningServer server(config, backend);
  TestSocket zero(server.tcp_port());
  REQUIRE(zero.send(length_prefix(0)));
  CHECK(zero.closed_by_peer(5000));
  TestSocket too_long(server.tcp_port());
  REQUIRE(too_long.send(length_prefix(1025) + "some bytes"));
  CHECK(too_long.closed_by_peer(5000));
  CHECK(backend.uploaded_bodies().empty());
}

TEST_CASE("a frame cut off halfway stores nothing", "[tcp]") {
  Config config = server_test_config("tcp-cut-off");
  FakeBackend backend;
  RunningServer server(config, backend);
  {
    TestSocket socket(server.tcp_port());
    REQUIRE(socket.send(length_prefix(1000) + std::string(500, 'h')));
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }  // the client goes away mid-frame
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  CHECK(backend.uploaded_bodies().empty());
  CHECK(std::filesystem::is_empty(config.spool_dir));
}

TEST_CASE("a frame that stalls past frame_timeout_ms, or an idle connection, is closed", "[tcp]") {
  Config config = server_test_config("tcp-timeouts");
  config.tcp.frame_timeout_ms = 300;
  config.tcp.idle_timeout_ms = 400;
  FakeBackend backend;
  RunningServer server(config, backend);
  TestSocket stalled(server.tcp_port());
  REQUIRE(stalled.send(length_prefix(100) + "only ten b"));
  CHECK(stalled.closed_by_peer(3000));
  TestSocket idle(server.tcp_port());
  CHECK(idle.closed_by_peer(3000));
  CHECK(backend.uploaded_bodies().empty());
  CHECK(std::filesystem::is_empty(config.spool_dir));
}

TEST_CASE("connections over tcp.max_connections get a busy answer and are closed", "[tcp]") {
  Config config = server_test_config("tcp-connections");
  config.tcp.max_connections = 1;
  FakeBackend backend;
  backend.outcome = accepted_outcome();
  RunningServer server(config, backend);
  TestSocket first(server.tcp_port());
  REQUIRE(first.send(net::encode_frame("file")));
  REQUIRE(receive_answer(first));
  TestSocket second(server.tcp_port());
  auto answer = receive_answer(second);
  REQUIRE(answer);
  CHECK((*answer)["error"] == "busy");
  CHECK(second.closed_by_peer(5000));
}

TEST_CASE("a full ingest queue answers the frame busy and keeps the connection", "[tcp]") {
  Config config = server_test_config("tcp-busy");
  config.ingest.workers = 1;
  config.ingest.queue_depth = 1;
  FakeBackend backend;
  backend.outcome = accepted_outcome();
  backend.close_gate();
  RunningServer server(config, backend);
  TestSocket running(server.tcp_port());
  REQUIRE(running.send(net::encode_frame("one")));
  REQUIRE(backend.wait_for_uploads(1, 5000));
  TestSocket queued(server.tcp_port());
  REQUIRE(queued.send(net::encode_frame("two")));
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  TestSocket refused(server.tcp_port());
  REQUIRE(refused.send(net::encode_frame("three")));
  auto busy = receive_answer(refused);
  REQUIRE(busy);
  CHECK((*busy)["error"] == "busy");
  backend.open_gate();
  CHECK((*receive_answer(running))["status"] == "accepted");
  CHECK((*receive_answer(queued))["status"] == "accepted");
  REQUIRE(refused.send(net::encode_frame("three again")));
  CHECK((*receive_answer(refused))["status"] == "accepted");
}
