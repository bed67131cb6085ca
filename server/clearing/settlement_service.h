#pragma once
// Clearing and settlement of a day (shared/spec/clearing.md): closes the day, computes fees and
// positions, writes CLR1/RJT1/STL1 files, stores everything in PostgreSQL and on disk.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "clearing/position.h"
#include "clearing/unconfigured_participants.h"
#include "common/local_time.h"
#include "config/config.h"
#include "store/connection_pool.h"

namespace cityclear::clearing {

struct SettlementFileInfo {
  std::string name;                          // e.g. CLR_31000001_20261121.txt
  std::string kind;                          // CLR1, RJT1, STL1
  std::optional<uint32_t> participant_code;  // empty for STL1
  std::string sha256_hex;
  int64_t size_bytes = 0;
};

struct SettlementResult {
  CivilDate day;
  bool already_settled = false;  // this call found the day settled and changed nothing
  int64_t record_count = 0;      // all records of the day's files
  int64_t accepted_count = 0;
  std::vector<Position> positions;        // the center first, then by code
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

// Steps, in order: "closing day", "reading records", "counting records", "writing files",
// "storing", "checking", "committing", "publishing files"; on a settled day "closing day" then
// "verifying files". `total` is 0 while not yet known.
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
  bool read_file(CivilDate day, std::string_view name,
                 const std::function<void(std::string_view)>& sink);

  // Settling needs two pooled connections at once: one holds the day's lock and the storing
  // transaction, the other streams the records. Other exceptions: UnconfiguredParticipants,
  // store::DatabaseUnavailable / store::PoolExhausted, std::runtime_error for file system errors.

 private:
  SettlementResult settle_again(pqxx::connection& connection, CivilDate day,
                                const SettlementProgress& progress);
  std::filesystem::path day_directory(CivilDate day) const;

  const Config& config_;
  store::ConnectionPool& pool_;
};

}  // namespace cityclear::clearing
