#pragma once
// The main configuration file (documented field by field in config/README.md).
#include <cstdint>
#include <filesystem>
#include <string>

#include "config/config_error.h"
#include "config/participants.h"

namespace cityclear {

struct ListenAddress {
  std::string host = "127.0.0.1";
  uint16_t port = 0;
};

struct DatabaseSettings {
  std::string url;
  int pool_size = 6;
  int64_t connect_timeout_ms = 5000;
  int64_t acquire_timeout_ms = 10000;  // waiting for a free pooled connection
  int64_t lock_timeout_ms =
      20000;  // a statement waiting this long for a lock fails (transient, retried)
  int64_t statement_timeout_ms = 0;  // a statement running this long is cancelled; 0: no limit
  int retry_attempts = 5;            // tries of work that failed transiently, the first included
  int64_t retry_backoff_ms = 50;     // wait before the second try; doubled each time, at most 2 s
};

struct HttpSettings {
  ListenAddress listen{"127.0.0.1", 8080};
  int threads = 2;
  int64_t max_body_bytes = 256LL << 20;
  int64_t max_header_bytes = 16 << 10;
  int64_t request_timeout_ms = 120000;
  int max_connections = 256;
  int64_t max_sync_lines = 100000;
};

struct TcpSettings {
  ListenAddress listen{"127.0.0.1", 9000};
  int64_t max_frame_bytes = 256LL << 20;
  int64_t frame_timeout_ms = 120000;  // a frame must arrive whole within this time
  int64_t idle_timeout_ms = 300000;   // between frames
  int max_connections = 64;
};

struct IngestSettings {
  int64_t max_file_bytes = 256LL << 20;
  int64_t max_records_per_file = 2000000;
  int64_t max_single_purchase_fen = 100000;
  int64_t acceptance_window_days = 30;
  int64_t future_tolerance_seconds = 600;
  int64_t small_file_max_bytes = 1LL << 20;  // files up to this size are committed in groups
  int workers =
      32;  // small files ingested at once (most of the time waiting for their group's commit)
  int queue_depth = 256;       // small files waiting for a worker before uploads are refused (503)
  int large_workers = 1;       // large files ingested at once
  int large_queue_depth = 4;   // large files waiting for a worker before uploads are refused (503)
  int commit_connections = 2;  // connections (and threads) committing groups of small files
  int group_max_files = 64;    // small files committed together at most
  int64_t group_max_records = 65536;  // detail records of one group at most
  int step_records = 4096;            // records per pipeline step
  int64_t copy_queue_bytes =
      32LL << 20;  // a file's records COPY data waiting for the sending thread
  int64_t abandoned_claims_interval_ms =
      10000;  // how often the daemon resolves abandoned key claims
};

struct ClearingSettings {
  int64_t cutoff_seconds = 23 * 3600;  // "cutoff": "23:00:00", local time of day
};

struct LogSettings {
  std::string level = "info";  // trace, debug, info, warn, error
  bool json = false;           // "format": "json" for JSON lines
};

struct Config {
  std::filesystem::path config_file;
  DatabaseSettings database;
  std::filesystem::path keys_file;
  std::filesystem::path participants_file;
  std::filesystem::path output_dir;
  std::filesystem::path
      spool_dir;  // uploads in transit (bodies are spooled to disk, not held in memory)
  HttpSettings http;
  TcpSettings tcp;
  IngestSettings ingest;
  ClearingSettings clearing;
  LogSettings log;
  Participants participants;
};

// Reads and validates the configuration file and the participants file it names (not the keys
// file: see crypto/file_key_provider.h). CITYCLEAR_DATABASE_URL overrides database.url.
// Throws ConfigError with one sentence on any problem: unknown key, missing file, bad value.
Config load_config(const std::filesystem::path& config_file);

// "host:port" -> ListenAddress; throws ConfigError naming `field` when malformed.
ListenAddress parse_listen_address(const std::string& text, const std::string& field);

}  // namespace cityclear
