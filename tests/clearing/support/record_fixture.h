#pragma once
// Test records: read from the text files under tests/data/clearing, and served as RecordSources.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "clearing/clearing_record.h"
#include "clearing/participant_rates.h"
#include "config/participants.h"

namespace cityclear::clearing::testing {

// One record per line: reason batch_id acquirer sequence issuer asn counter transaction_type
// amount_fen transaction_time terminal terminal_serial; '#' lines are comments.
std::vector<ClearingRecord> read_record_file(const std::filesystem::path& file);

// A record with its card key built from issuer, ASN digits (20) and counter.
ClearingRecord make_record(uint8_t reason, const std::string& batch_id, uint32_t acquirer,
                           uint32_t sequence, uint32_t issuer, const std::string& asn_digits,
                           uint32_t counter, int64_t amount_fen, int64_t transaction_local_seconds);

// The accepted records sorted by card key, and the rejected ones by batch id, sequence.
std::vector<ClearingRecord> accepted_by_card_key(const std::vector<ClearingRecord>& records);
std::vector<ClearingRecord> rejected_by_batch(const std::vector<ClearingRecord>& records);

// The participants of tests/data/clearing/small_day/participants.json.
Participants small_day_participants();

class VectorRecordSource : public RecordSource {
 public:
  explicit VectorRecordSource(std::vector<ClearingRecord> records) : records_(std::move(records)) {}
  bool next(ClearingRecord& record) override {
    if (position_ == records_.size()) return false;
    record = records_[position_++];
    return true;
  }

 private:
  std::vector<ClearingRecord> records_;
  size_t position_ = 0;
};

// The whole content of a file.
std::string read_whole_file(const std::filesystem::path& file);

}  // namespace cityclear::clearing::testing
