// The server on the real database, keys and sample file: uploads over HTTP and TCP, lookups,
// settlement and file downloads, readiness.
#include <catch2/catch.hpp>
#include <cstring>
#include <future>
#include <nlohmann/json.hpp>
#include <pqxx/pqxx>
#include <thread>

#include "common/hex.h"
#include "common/sha256.h"
#include "crypto/file_key_provider.h"
#include "net/database_backend.h"
#include "net/tcp_frame.h"
#include "support/running_server.h"
#include "support/sample_config.h"
#include "support/tb1_builder.h"
#include "support/test_database.h"
#include "support/test_paths.h"
#include "support/test_socket.h"

using namespace cityclear;
using namespace cityclear::testing;
using nlohmann::json;

namespace {

const std::string sample_name = "TB1_33010001_HZ2026112100000001AB.txt";

struct DatabaseServer {
  explicit DatabaseServer(const json& overrides = json::object()) {
    reset_test_database();
    config = load_sample_config("net-pg", overrides);
    keys = crypto::load_file_key_provider(config.keys_file);
    pool = std::make_unique<store::ConnectionPool>(config.database.url, config.database.pool_size,
                                                   config.database.acquire_timeout_ms,
                                                   config.database.connect_timeout_ms);
    backend = std::make_unique<net::DatabaseBackend>(config, *pool, *keys);
    server = std::make_unique<RunningServer>(config, *backend);
  }
  int64_t count(const std::string& sql) {
    auto connection = connect_test_database();
    pqxx::read_transaction transaction(*connection);
    return transaction.exec(sql)[0][0].as<int64_t>();
  }
  uint16_t port() const { return server->http_port(); }

  Config config;
  std::unique_ptr<crypto::KeyProvider> keys;
  std::unique_ptr<store::ConnectionPool> pool;
  std::unique_ptr<net::DatabaseBackend> backend;
  std::unique_ptr<RunningServer> server;
};

std::string sample_bytes() {
  return read_text_file((samples_dir() / sample_name).string());
}

std::optional<json> tcp_exchange(TestSocket& socket, const std::string& file) {
  if (!socket.send(net::encode_frame(file))) return std::nullopt;
  auto prefix = socket.receive_exactly(4, 20000);
  if (!prefix) return std::nullopt;
  std::array<uint8_t, 4> bytes{};
  std::memcpy(bytes.data(), prefix->data(), bytes.size());
  auto payload = socket.receive_exactly(*net::decode_frame_length(bytes, 1 << 20), 20000);
  if (!payload) return std::nullopt;
  return json::parse(*payload);
}

}  // namespace

TEST_CASE("readyz is 200 when the database answers", "[pg][http]") {
  DatabaseServer server;
  CHECK(http_request(server.port(), "GET", "/readyz").status == 200);
}

TEST_CASE("readyz is 503 when the database cannot be reached, and the server keeps serving",
          "[pg][http]") {
  std::string nowhere =
      "postgresql://postgres@/cityclear?host=" + scratch_dir("net-pg-nowhere").string() + "&port=1";
  DatabaseServer server(json{{"database", {{"url", nowhere}, {"connect_timeout_ms", 500}}}});
  HttpReply reply = http_request(server.port(), "GET", "/readyz");
  CHECK(reply.status == 503);
  CHECK(json::parse(reply.body)["error"] == "database_unavailable");
  HttpReply upload =
      http_request(server.port(), "POST", "/v1/batches", sample_token("33010001"), sample_bytes());
  CHECK(upload.status == 503);
  CHECK(json::parse(upload.body)["error"] == "database_unavailable");
  CHECK(http_request(server.port(), "GET", "/healthz").status == 200);
}

TEST_CASE("the sample file uploaded over HTTP gets the expected reasons; again, it is a repeat",
          "[pg][http]") {
  DatabaseServer server;
  HttpReply first =
      http_request(server.port(), "POST", "/v1/batches", sample_token("33010001"), sample_bytes());
  INFO(first.body);
  REQUIRE(first.status == 200);
  auto outcome = json::parse(first.body);
  CHECK(outcome["status"] == "accepted");
  CHECK(outcome["batch_id"] == "HZ2026112100000001AB");
  CHECK(outcome["acquirer"] == "33010001");
  CHECK(outcome["records"] == 11);
  CHECK(outcome["by_reason"] == sample_counts_by_reason());
  CHECK(outcome["repeat"] == false);
  std::string digest = outcome["sha256"];
  for (char& c : digest) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  CHECK(digest == to_hex(sha256(sample_bytes())));

  HttpReply again =
      http_request(server.port(), "POST", "/v1/batches", sample_token("33010001"), sample_bytes());
  REQUIRE(again.status == 200);
  auto repeat = json::parse(again.body);
  CHECK(repeat["repeat"] == true);
  CHECK(repeat["by_reason"] == sample_counts_by_reason());
  CHECK(server.count("SELECT count(*) FROM batch") == 1);
  std::string metrics = http_request(server.port(), "GET", "/metrics").body;
  CHECK(metrics.find("cityclear_batches_total") != std::string::npos);
  CHECK(metrics.find("cityclear_records_total") != std::string::npos);
  CHECK(
      metrics.find(
          "cityclear_http_requests_total{route=\"/v1/batches\",method=\"POST\",status=\"200\"}") !=
      std::string::npos);

  std::string target = "/v1/batches/33010001/HZ2026112100000001AB";
  HttpReply found = http_request(server.port(), "GET", target, sample_token("33010001"));
  CHECK(found.status == 200);
  CHECK(json::parse(found.body)["by_reason"] == sample_counts_by_reason());
  CHECK(http_request(server.port(), "GET", target, sample_token("operator")).status == 200);
  CHECK(http_request(server.port(), "GET", target, sample_token("31000001")).status == 403);
  CHECK(std::filesystem::is_empty(server.config.spool_dir));
}

TEST_CASE("a participant cannot upload another acquirer's file", "[pg][http]") {
  DatabaseServer server;
  HttpReply reply =
      http_request(server.port(), "POST", "/v1/batches", sample_token("31000001"), sample_bytes());
  CHECK(reply.status == 403);
  CHECK(json::parse(reply.body)["error"] == "forbidden");
  CHECK(server.count("SELECT count(*) FROM batch") == 0);
}

TEST_CASE("a rejected file is answered 422 with its reason", "[pg][http]") {
  DatabaseServer server;
  std::string tampered = sample_bytes();
  tampered[tampered.size() - 3] = tampered[tampered.size() - 3] == '0' ? '1' : '0';  // the MAC
  HttpReply reply =
      http_request(server.port(), "POST", "/v1/batches", sample_token("33010001"), tampered);
  CHECK(reply.status == 422);
  auto outcome = json::parse(reply.body);
  CHECK(outcome["status"] == "rejected");
  CHECK(outcome["reason"] == "F02");
}

TEST_CASE("TCP frames are ingested like uploads; a cut-off frame stores nothing", "[pg][tcp]") {
  DatabaseServer server;
  {
    TestSocket cut(server.server->tcp_port());
    std::string garbage = "not a TB1 file at all\n";
    REQUIRE(cut.send(net::encode_frame(garbage).substr(0, 10)));
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  CHECK(server.count("SELECT count(*) FROM raw_file") == 0);

  TestSocket socket(server.server->tcp_port());
  auto rejected = tcp_exchange(socket, "not a TB1 file at all\n");
  REQUIRE(rejected);
  CHECK((*rejected)["reason"] == "F01");
  CHECK(server.count("SELECT count(*) FROM raw_file") == 1);
  auto accepted = tcp_exchange(socket, sample_bytes());
  REQUIRE(accepted);
  CHECK((*accepted)["status"] == "accepted");
  CHECK((*accepted)["by_reason"] == sample_counts_by_reason());
  auto repeat = tcp_exchange(socket, sample_bytes());
  REQUIRE(repeat);
  CHECK((*repeat)["repeat"] == true);
}

TEST_CASE("settling over HTTP: positions per caller, files byte for byte to whom they name",
          "[pg][http]") {
  DatabaseServer server;
  HttpReply upload =
      http_request(server.port(), "POST", "/v1/batches", sample_token("33010001"), sample_bytes());
  REQUIRE(upload.status == 200);
  std::string day = json::parse(upload.body)["clearing_date"];
  HttpReply settled =
      http_request(server.port(), "POST", "/v1/settlements/" + day, sample_token("operator"));
  INFO(settled.body);
  REQUIRE(settled.status == 200);
  auto all = json::parse(settled.body);
  CHECK(all["positions"].size() == server.config.participants.participants.size() + 1);
  int64_t sum_of_nets = 0;
  for (const auto& position : all["positions"]) sum_of_nets += position["net"].get<int64_t>();
  CHECK(sum_of_nets == 0);
  auto own = json::parse(
      http_request(server.port(), "GET", "/v1/settlements/" + day, sample_token("33010001")).body);
  REQUIRE(own["positions"].size() == 1);
  CHECK(own["positions"][0]["participant"] == "33010001");

  std::filesystem::path folder = server.config.output_dir / day;
  std::string clr = "CLR_33010001_" + day + ".txt";
  HttpReply file =
      http_request(server.port(), "GET", "/v1/files/" + day + "/" + clr, sample_token("33010001"));
  CHECK(file.status == 200);
  CHECK(file.body == read_text_file((folder / clr).string()));
  CHECK(http_request(server.port(), "GET", "/v1/files/" + day + "/" + clr, sample_token("52010001"))
            .status == 403);
  std::string stl = "STL_" + day + ".txt";
  CHECK(http_request(server.port(), "GET", "/v1/files/" + day + "/" + stl, sample_token("33010001"))
            .status == 403);
  HttpReply stl_file =
      http_request(server.port(), "GET", "/v1/files/" + day + "/" + stl, sample_token("operator"));
  CHECK(stl_file.body == read_text_file((folder / stl).string()));
  CHECK(http_request(server.port(), "POST", "/v1/settlements/" + day, sample_token("operator"))
            .status == 200);
}

namespace {

// The sample file under another batch id: the same records (so all but the first file to be
// committed get 03 for the sample's accepted records), other bytes.
std::string sample_with_batch_id(int number) {
  Tb1File file = Tb1File::parse(sample_bytes());
  std::string digits = std::to_string(number);
  file.batch_id = "CONC" + std::string(16 - digits.size(), '0') + digits;
  return file.build(sample_file_key(file.acquirer_code));
}

struct ClientAnswer {
  int status = 0;
  json outcome;
};

// One client: `files` uploads over one keep-alive-free HTTP connection each, or one TCP connection.
std::vector<ClientAnswer> upload_as_client(uint16_t http_port, uint16_t tcp_port, int client,
                                           int files) {
  std::vector<ClientAnswer> answers;
  std::optional<TestSocket> tcp;
  if (client % 2 == 1) tcp.emplace(tcp_port);
  for (int index = 0; index < files; ++index) {
    std::string file = sample_with_batch_id(client * 1000 + index);
    if (tcp) {
      auto answer = tcp_exchange(*tcp, file);
      answers.push_back(answer ? ClientAnswer{200, *answer} : ClientAnswer{0, json()});
      continue;
    }
    HttpReply reply =
        http_request(http_port, "POST", "/v1/batches", sample_token("33010001"), file);
    answers.push_back({reply.status, json::parse(reply.body, nullptr, false)});
  }
  return answers;
}

}  // namespace

TEST_CASE(
    "many small files from 16 concurrent clients over HTTP and TCP: every one answered, totals "
    "exact",
    "[pg][http][tcp][concurrency]") {
  DatabaseServer server;
  constexpr int clients = 16;
  constexpr int files_per_client = 12;
  std::vector<std::future<std::vector<ClientAnswer>>> running;
  for (int client = 0; client < clients; ++client) {
    running.push_back(std::async(std::launch::async, upload_as_client, server.port(),
                                 server.server->tcp_port(), client, files_per_client));
  }
  int64_t accepted_records = 0;
  int answered = 0;
  for (auto& client : running) {
    for (const ClientAnswer& answer : client.get()) {
      INFO(answer.outcome.dump());
      CHECK(answer.status == 200);
      CHECK(answer.outcome["status"] == "accepted");
      CHECK(answer.outcome["repeat"] == false);
      if (answer.outcome.contains("by_reason") && answer.outcome["by_reason"].contains("00")) {
        accepted_records += answer.outcome["by_reason"]["00"].get<int64_t>();
      }
      ++answered;
    }
  }
  int64_t sample_accepted = sample_counts_by_reason()["00"].get<int64_t>();
  CHECK(answered == clients * files_per_client);
  CHECK(accepted_records == sample_accepted);  // each record accepted exactly once, whoever won
  CHECK(server.count("SELECT count(*) FROM batch WHERE status = 'accepted'") ==
        clients * files_per_client);
  CHECK(server.count("SELECT count(*) FROM record") == int64_t{clients} * files_per_client * 11);
  CHECK(server.count("SELECT count(*) FROM record WHERE reason = 0") == sample_accepted);
  CHECK(server.count("SELECT count(*) FROM accepted_card_counter") == sample_accepted);
  CHECK(server.count("SELECT count(*) FROM raw_file") == clients * files_per_client);
}

TEST_CASE("a transient database failure is answered 503 with Retry-After, and a retry succeeds",
          "[pg][http]") {
  DatabaseServer server(json{
      {"database", {{"lock_timeout_ms", 200}, {"retry_attempts", 2}, {"retry_backoff_ms", 10}}}});
  auto blocker = connect_test_database();
  auto holding = std::make_unique<pqxx::work>(*blocker);
  holding->exec(
      "LOCK TABLE accepted_card_counter IN ACCESS EXCLUSIVE MODE");  // every claim times out
  HttpReply busy =
      http_request(server.port(), "POST", "/v1/batches", sample_token("33010001"), sample_bytes());
  INFO(busy.body);
  CHECK(busy.status == 503);
  CHECK(json::parse(busy.body)["error"] == "database_busy");
  CHECK(busy.headers["retry-after"] == "1");
  holding->abort();
  holding.reset();
  CHECK(server.count("SELECT count(*) FROM batch") == 0);  // nothing half-stored

  HttpReply retried =
      http_request(server.port(), "POST", "/v1/batches", sample_token("33010001"), sample_bytes());
  CHECK(retried.status == 200);
  CHECK(json::parse(retried.body)["repeat"] == false);
  CHECK(server.count("SELECT count(*) FROM batch") == 1);
}

TEST_CASE("the daemon's timer resolves a key claim whose owner died", "[pg][claims]") {
  DatabaseServer server(json{{"ingest", {{"abandoned_claims_interval_ms", 100}}}});
  {
    // What a process that died after PREPARE TRANSACTION leaves: a prepared claim, no owner, no
    // batch.
    auto dead = connect_test_database();
    pqxx::nontransaction session(*dead);
    session.exec("BEGIN");
    session.exec(
        "INSERT INTO accepted_card_counter (card_key, batch_key, sequence) "
        "VALUES ('55555555-5555-5555-5555-555555555555', 5555, 1)");
    session.exec("PREPARE TRANSACTION 'cityclear-claims-5555'");
  }
  int64_t prepared = 1;
  for (int wait = 0; wait < 100 && prepared > 0; ++wait) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    prepared =
        server.count("SELECT count(*) FROM pg_prepared_xacts WHERE database = current_database()");
  }
  CHECK(prepared == 0);
  CHECK(server.count("SELECT count(*) FROM accepted_card_counter") ==
        0);  // rolled back: no batch row
}
