#pragma once
// A ClearingBackend without a database: it records what it was asked and answers what the
// test set. ingest_file can be held at a gate to fill the ingest queue.
#include <condition_variable>
#include <mutex>
#include <string>
#include <vector>

#include "net/clearing_backend.h"

namespace cityclear::testing {

class FakeBackend : public net::ClearingBackend {
 public:
  bool database_ready() override;
  ingest::BatchOutcome ingest_file(const std::filesystem::path& file,
                                   const net::UploadOrigin& origin) override;
  std::optional<ingest::BatchOutcome> find_batch(uint32_t acquirer_code,
                                                 std::string_view batch_id) override;
  clearing::SettlementResult settle_day(CivilDate day) override;
  std::optional<clearing::SettlementResult> find_settlement(CivilDate day) override;
  bool read_settlement_file(CivilDate day, std::string_view name,
                            const std::function<void(std::string_view)>& sink) override;

  // Uploads wait here until open_gate() while the gate is closed.
  void close_gate();
  void open_gate();
  // Waits until `count` uploads have reached ingest_file (at the gate or past it).
  bool wait_for_uploads(size_t count, int timeout_ms);

  std::vector<std::string> uploaded_bodies() const;
  std::vector<net::UploadOrigin> upload_origins() const;

  bool ready = true;
  ingest::BatchOutcome outcome;  // what every upload gets
  std::string file_bytes = "H fake settlement file\n";

 private:
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  bool gate_closed_ = false;
  std::vector<std::string> bodies_;
  std::vector<net::UploadOrigin> origins_;
};

// An accepted outcome with a few counts.
ingest::BatchOutcome accepted_outcome();

}  // namespace cityclear::testing
