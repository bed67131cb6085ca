#include "ingest_fixture.h"

#include <pqxx/pqxx>

#include "crypto/file_key_provider.h"
#include "support/sample_config.h"
#include "support/tb1_builder.h"
#include "support/test_database.h"
#include "support/test_paths.h"

namespace cityclear::testing {

std::string sample_batch_text() {
  return read_text_file((samples_dir() / "TB1_33010001_HZ2026112100000001AB.txt").string());
}

IngestFixture::IngestFixture(const nlohmann::json& overrides, int pool_size) {
  reset_test_database();
  config = load_sample_config("ingest", overrides);
  keys = crypto::load_file_key_provider(config.keys_file);
  pool = std::make_unique<store::ConnectionPool>(config.database.url, pool_size, 10000, 5000);
  ingestor = std::make_unique<ingest::BatchIngestor>(config, *pool, *keys);
}

ingest::BatchOutcome IngestFixture::ingest_text(const std::string& text,
                                                std::optional<std::string> received) {
  ingest::Upload upload;
  upload.bytes = text;
  upload.source = ingest::UploadSource::cli;
  // The sample day, before the cutoff, unless a test says otherwise.
  upload.received_local_seconds = parse_local_timestamp(received.value_or("20261121100000"));
  return ingestor->ingest(upload);
}

std::map<int, std::string> IngestFixture::reasons_of(const std::string& batch_id) {
  auto connection = connect_test_database();
  pqxx::read_transaction transaction(*connection);
  pqxx::result rows = transaction.exec_params(
      "SELECT r.sequence, lpad(r.reason::text, 2, '0') FROM record r JOIN batch b USING "
      "(batch_key) "
      "WHERE b.batch_id = $1 ORDER BY r.sequence",
      batch_id);
  std::map<int, std::string> reasons;
  for (const auto& row : rows) reasons[row[0].as<int>()] = row[1].as<std::string>();
  return reasons;
}

int64_t IngestFixture::count(const std::string& sql) {
  auto connection = connect_test_database();
  pqxx::read_transaction transaction(*connection);
  return transaction.exec(sql)[0][0].as<int64_t>();
}

}  // namespace cityclear::testing
