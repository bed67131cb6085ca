#include "fake_backend.h"

#include <fstream>
#include <sstream>

namespace cityclear::testing {

bool FakeBackend::database_ready() {
  return ready;
}

ingest::BatchOutcome FakeBackend::ingest_file(const std::filesystem::path& file,
                                              const net::UploadOrigin& origin) {
  std::ifstream in(file, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  std::unique_lock lock(mutex_);
  bodies_.push_back(bytes.str());
  origins_.push_back(origin);
  changed_.notify_all();
  changed_.wait(lock, [this] { return !gate_closed_; });
  return outcome;
}

std::optional<ingest::BatchOutcome> FakeBackend::find_batch(uint32_t acquirer_code,
                                                            std::string_view batch_id) {
  if (outcome.acquirer_code == acquirer_code && outcome.batch_id == batch_id) return outcome;
  return std::nullopt;
}

clearing::SettlementResult FakeBackend::settle_day(CivilDate day) {
  clearing::SettlementResult result;
  result.day = day;
  result.positions = {{0, 0, 0, 5, 5}, {31000001, 0, 1000, 0, -1000}, {33010001, 1000, 0, 5, 995}};
  result.files = {
      {"CLR_31000001_" + format_date(day) + ".txt", "CLR1", 31000001, std::string(64, 'A'), 10},
      {"CLR_33010001_" + format_date(day) + ".txt", "CLR1", 33010001, std::string(64, 'B'), 10},
      {"STL_" + format_date(day) + ".txt", "STL1", std::nullopt, std::string(64, 'C'), 10}};
  return result;
}

std::optional<clearing::SettlementResult> FakeBackend::find_settlement(CivilDate day) {
  if (day != CivilDate{2026, 11, 21}) return std::nullopt;
  return settle_day(day);
}

bool FakeBackend::read_settlement_file(CivilDate day, std::string_view name,
                                       const std::function<void(std::string_view)>& sink) {
  if (day != CivilDate{2026, 11, 21}) return false;
  sink(file_bytes.substr(0, 5));
  sink(file_bytes.substr(5));
  return !name.empty();
}

void FakeBackend::close_gate() {
  std::lock_guard lock(mutex_);
  gate_closed_ = true;
}

void FakeBackend::open_gate() {
  {
    std::lock_guard lock(mutex_);
    gate_closed_ = false;
  }
  changed_.notify_all();
}

bool FakeBackend::wait_for_uploads(size_t count, int timeout_ms) {
  std::unique_lock lock(mutex_);
  return changed_.wait_for(lock, std::chrono::milliseconds(timeout_ms),
                           [&] { return bodies_.size() >= count; });
}

std::vector<std::string> FakeBackend::uploaded_bodies() const {
  std::lock_guard lock(mutex_);
  return bodies_;
}

std::vector<net::UploadOrigin> FakeBackend::upload_origins() const {
  std::lock_guard lock(mutex_);
  return origins_;
}

ingest::BatchOutcome accepted_outcome() {
  ingest::BatchOutcome outcome;
  outcome.batch_id = "HZ2026112100000001AB";
  outcome.acquirer_code = 33010001;
  outcome.accepted = true;
  outcome.clearing_date = CivilDate{2026, 11, 21};
  outcome.sha256_hex = std::string(64, '0');
  outcome.records = 3;
  outcome.by_reason = {{"00", 2}, {"01", 1}};
  return outcome;
}

}  // namespace cityclear::testing
