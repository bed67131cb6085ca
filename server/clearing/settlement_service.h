#pragma once
// Clearing and settlement of a day (shared/spec/clearing.md): closes the day, computes fees and
// positions, writes CLR1/RJT1/STL1 files, stores everything in PostgreSQL and on disk.
#include <cstdint>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "common/local_time.h"
#include "config/config.h"
#include "store/connection_pool.h"

namespace cityclear::clearing {

struct Position {
  uint32_t participant_code = 0;  // 0 is the center
  int64_t receivable_fen = 0;
  int64_t payable_fen = 0;
  int64_t fees_fen = 0;
  int64_t net_fen = 0;
};

struct SettlementFileInfo {
  std::string name;                // e.g. CLR_31000001_20261121.txt
  std::string kind;                // CLR1, RJT1, STL1
  std::optional<uint32_t> participant_code;  // empty for STL1
  std::string sha256_hex;
  int64_t size_bytes = 0;
};

struct SettlementResult {
  CivilDate day;
  bool already_settled = false;       // this call found the day settled and changed nothing
  int64_t record_count = 0;           // all records of the day's files
  int64_t accepted_count = 0;
  std::vector<Position> positions;    // the center first, then by code
  std::vector<SettlementFileInfo> files;  // by name
};

// Another settle run holds the day (HTTP 409; the command line waits or says so).
class DayBeingSettled : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A settled day whose stored figures or files do not verify (a bug or tampering): exit 1.
class SettlementMismatch : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

using SettlementProgress = std::function<void(std::string_view step, int64_t done, int64_t total)>;

class SettlementService {
 public:
  SettlementService(const Config& config, store::ConnectionPool& pool);

  // Settles `day` (idempotent). On a settled day: returns the stored result, re-verifies the
  // files on disk against the stored hashes (rewriting a missing one from the stored bytes).
  SettlementResult settle(CivilDate day, const SettlementProgress& progress = {});
  // The stored positions and files of a settled day; empty when it is not settled.
  std::optional<SettlementResult> find(CivilDate day);
  // Streams a stored file's bytes in chunks; false when there is no such file.
  bool read_file(CivilDate day, std::string_view name, const std::function<void(std::string_view)>& sink);
};

}  // namespace cityclear::clearing
