#include "config/config.h"

#include <cstdlib>

#include "common/bcd.h"
#include "config/json_reader.h"

namespace cityclear {
namespace {

constexpr int64_t one_gibibyte = 1LL << 30;

std::filesystem::path resolve(const std::filesystem::path& base, const std::string& value) {
  std::filesystem::path path(value);
  return path.is_absolute() ? path : (base / path).lexically_normal();
}

int64_t parse_cutoff(JsonObjectReader& reader) {
  std::string text = reader.string("cutoff", "23:00:00");
  bool shape = text.size() == 8 && text[2] == ':' && text[5] == ':' &&
               is_decimal(text.substr(0, 2)) && is_decimal(text.substr(3, 2)) &&
               is_decimal(text.substr(6, 2));
  if (!shape) reader.fail("cutoff", "must be a local time of day hh:mm:ss, not \"" + text + "\"");
  int64_t hours = std::stoi(text.substr(0, 2));
  int64_t minutes = std::stoi(text.substr(3, 2));
  int64_t seconds = std::stoi(text.substr(6, 2));
  if (hours > 23 || minutes > 59 || seconds > 59)
    reader.fail("cutoff", "is not a valid time of day: \"" + text + "\"");
  return hours * 3600 + minutes * 60 + seconds;
}

void read_database(JsonObjectReader reader, DatabaseSettings& database) {
  database.url = reader.string("url", "");
  database.pool_size = static_cast<int>(reader.integer("pool_size", database.pool_size, 1, 256));
  database.connect_timeout_ms =
      reader.integer("connect_timeout_ms", database.connect_timeout_ms, 100, 600000);
  database.acquire_timeout_ms =
      reader.integer("acquire_timeout_ms", database.acquire_timeout_ms, 1, 600000);
  database.lock_timeout_ms =
      reader.integer("lock_timeout_ms", database.lock_timeout_ms, 0, 3600000);
  database.statement_timeout_ms =
      reader.integer("statement_timeout_ms", database.statement_timeout_ms, 0, 86400000);
  database.retry_attempts =
      static_cast<int>(reader.integer("retry_attempts", database.retry_attempts, 1, 100));
  database.retry_backoff_ms =
      reader.integer("retry_backoff_ms", database.retry_backoff_ms, 1, 60000);
  reader.finish();
}

void read_http(JsonObjectReader reader, HttpSettings& http) {
  http.listen =
      parse_listen_address(reader.string("listen", "127.0.0.1:8080"), reader.field_name("listen"));
  http.threads = static_cast<int>(reader.integer("threads", http.threads, 1, 256));
  http.max_body_bytes =
      reader.integer("max_body_bytes", http.max_body_bytes, 1024, 16 * one_gibibyte);
  http.max_header_bytes = reader.integer("max_header_bytes", http.max_header_bytes, 1024, 1 << 20);
  http.request_timeout_ms =
      reader.integer("request_timeout_ms", http.request_timeout_ms, 100, 3600000);
  http.max_connections =
      static_cast<int>(reader.integer("max_connections", http.max_connections, 1, 100000));
  http.max_sync_lines = reader.integer("max_sync_lines", http.max_sync_lines, 1, 100000000);
  reader.finish();
}

void read_tcp(JsonObjectReader reader, TcpSettings& tcp) {
  tcp.listen =
      parse_listen_address(reader.string("listen", "127.0.0.1:9000"), reader.field_name("listen"));
  tcp.max_frame_bytes =
      reader.integer("max_frame_bytes", tcp.max_frame_bytes, 1024, 4 * one_gibibyte - 1);
  tcp.frame_timeout_ms = reader.integer("frame_timeout_ms", tcp.frame_timeout_ms, 100, 3600000);
  tcp.idle_timeout_ms = reader.integer("idle_timeout_ms", tcp.idle_timeout_ms, 100, 86400000);
  tcp.max_connections =
      static_cast<int>(reader.integer("max_connections", tcp.max_connections, 1, 100000));
  reader.finish();
}

void read_ingest(JsonObjectReader reader, IngestSettings& ingest) {
  ingest.max_file_bytes =
      reader.integer("max_file_bytes", ingest.max_file_bytes, 256, 16 * one_gibibyte);
  ingest.max_records_per_file =
      reader.integer("max_records_per_file", ingest.max_records_per_file, 1, 99999999);
  ingest.max_single_purchase_fen =
      reader.integer("max_single_purchase_fen", ingest.max_single_purchase_fen, 1, 4294967295LL);
  ingest.acceptance_window_days =
      reader.integer("acceptance_window_days", ingest.acceptance_window_days, 0, 3650);
  ingest.future_tolerance_seconds =
      reader.integer("future_tolerance_seconds", ingest.future_tolerance_seconds, 0, 86400);
  ingest.small_file_max_bytes =
      reader.integer("small_file_max_bytes", ingest.small_file_max_bytes, 0, 64LL << 20);
  ingest.workers = static_cast<int>(reader.integer("workers", ingest.workers, 1, 1024));
  ingest.queue_depth =
      static_cast<int>(reader.integer("queue_depth", ingest.queue_depth, 1, 100000));
  ingest.large_workers =
      static_cast<int>(reader.integer("large_workers", ingest.large_workers, 1, 64));
  ingest.large_queue_depth =
      static_cast<int>(reader.integer("large_queue_depth", ingest.large_queue_depth, 1, 100000));
  ingest.commit_connections =
      static_cast<int>(reader.integer("commit_connections", ingest.commit_connections, 1, 64));
  ingest.group_max_files =
      static_cast<int>(reader.integer("group_max_files", ingest.group_max_files, 1, 4096));
  ingest.group_max_records =
      reader.integer("group_max_records", ingest.group_max_records, 1, 1LL << 24);
  ingest.step_records =
      static_cast<int>(reader.integer("step_records", ingest.step_records, 64, 1 << 20));
  ingest.copy_queue_bytes =
      reader.integer("copy_queue_bytes", ingest.copy_queue_bytes, 1 << 16, 1LL << 30);
  ingest.abandoned_claims_interval_ms = reader.integer(
      "abandoned_claims_interval_ms", ingest.abandoned_claims_interval_ms, 100, 86400000);
  reader.finish();
}

void read_log(JsonObjectReader reader, LogSettings& log) {
  log.level = reader.string("level", log.level);
  static const std::set<std::string> levels = {"trace", "debug", "info", "warn", "error"};
  if (!levels.contains(log.level))
    reader.fail("level", "must be one of trace, debug, info, warn, error");
  std::string format = reader.string("format", "text");
  if (format != "text" && format != "json") reader.fail("format", "must be \"text\" or \"json\"");
  log.json = format == "json";
  reader.finish();
}

void check_file_exists(const std::filesystem::path& path, const std::string& field,
                       const std::string& file) {
  if (!std::filesystem::is_regular_file(path)) {
    throw ConfigError(file + ": field \"" + field + "\" names " + path.string() +
                      ", which does not exist");
  }
}

}  // namespace

ListenAddress parse_listen_address(const std::string& text, const std::string& field) {
  auto colon = text.rfind(':');
  std::string port_text = colon == std::string::npos ? "" : text.substr(colon + 1);
  if (colon == std::string::npos || colon == 0 || port_text.empty() || port_text.size() > 5 ||
      !is_decimal(port_text) || std::stoi(port_text) > 65535) {
    throw ConfigError("field \"" + field + "\" must be host:port (port 0 to 65535), not \"" + text +
                      "\"");
  }
  return ListenAddress{text.substr(0, colon), static_cast<uint16_t>(std::stoi(port_text))};
}

Config load_config(const std::filesystem::path& config_file) {
  Config config;
  config.config_file = std::filesystem::absolute(config_file);
  std::string file = config_file.string();
  nlohmann::json document = read_json_file(file);
  JsonObjectReader reader(document, file, "");
  std::filesystem::path base = config.config_file.parent_path();
  read_database(reader.object("database"), config.database);
  config.keys_file = resolve(base, reader.required_string("keys_file"));
  config.participants_file = resolve(base, reader.required_string("participants_file"));
  config.output_dir = resolve(base, reader.string("output_dir", "out"));
  config.spool_dir = resolve(base, reader.string("spool_dir", "spool"));
  read_http(reader.object("http"), config.http);
  read_tcp(reader.object("tcp"), config.tcp);
  read_ingest(reader.object("ingest"), config.ingest);
  JsonObjectReader clearing = reader.object("clearing");
  config.clearing.cutoff_seconds = parse_cutoff(clearing);
  clearing.finish();
  read_log(reader.object("log"), config.log);
  reader.finish();
  if (const char* url = std::getenv("CITYCLEAR_DATABASE_URL"); url != nullptr && *url != '\0')
    config.database.url = url;
  if (config.database.url.empty()) {
    throw ConfigError(file + ": field \"database.url\" is missing (or set CITYCLEAR_DATABASE_URL)");
  }
  check_file_exists(config.keys_file, "keys_file", file);
  check_file_exists(config.participants_file, "participants_file", file);
  config.participants = load_participants(config.participants_file);
  return config;
}

}  // namespace cityclear
