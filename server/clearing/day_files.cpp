#include "clearing/day_files.h"

#include <algorithm>
#include <cstring>
#include <memory>

#include "clearing/clearing_detail_line.h"
#include "clearing/clr_file_writer.h"
#include "clearing/day_ledger.h"
#include "clearing/fee.h"
#include "clearing/participant_check.h"
#include "clearing/record_stream_mismatch.h"
#include "clearing/rjt_file_writer.h"
#include "clearing/stl_file_writer.h"
#include "common/check.h"
#include "config/participants.h"

namespace cityclear::clearing {
namespace {

constexpr int64_t progress_step_records = 1 << 16;

class DayFileGenerator {
 public:
  explicit DayFileGenerator(const DayFilesRequest& request);
  void write_accepted(RecordSource& records);
  void write_rejected(RecordSource& records);
  DayFiles finish();

 private:
  size_t participant_index(uint32_t code, const char* role) const;
  void report_progress();

  const DayFilesRequest& request_;
  const ParticipantRates& rates_;
  DayLedger ledger_;
  int64_t expected_records_;
  int64_t streamed_records_ = 0;
  DayFileOutput output_;  // declared before the writers, which write through it
  std::vector<std::unique_ptr<ClearingFileWriter>> clearing_writers_;
  std::vector<std::unique_ptr<RejectFileWriter>> reject_writers_;
};

DayFileGenerator::DayFileGenerator(const DayFilesRequest& request)
    : request_(request),
      rates_(*request.rates),
      ledger_(rates_),
      expected_records_(request.expected_totals.figures().record_count),
      output_(request.directory, request.chunk_sink ? &request.chunk_sink : nullptr) {
  require_configured_participants(request.expected_totals, rates_, request.day);
  DayLedger expected = DayLedger::from_totals(request.expected_totals, rates_);
  std::filesystem::create_directories(request.directory);
  for (size_t index = 0; index < rates_.size(); ++index) {
    clearing_writers_.push_back(std::make_unique<ClearingFileWriter>(
        rates_, index, request.day, expected.clearing_detail_count(index), output_));
    reject_writers_.push_back(std::make_unique<RejectFileWriter>(
        rates_.all()[index].code, request.day, expected.reject_count(index), output_));
  }
}

size_t DayFileGenerator::participant_index(uint32_t code, const char* role) const {
  auto index = rates_.index_of(code);
  if (!index) {
    throw RecordStreamMismatch(std::string("a streamed record names ") + role + " " +
                               format_institution_code(code) + ", which the day's totals did not");
  }
  return *index;
}

void DayFileGenerator::report_progress() {
  ++streamed_records_;
  if (request_.progress && streamed_records_ % progress_step_records == 0) {
    request_.progress("writing files", streamed_records_, expected_records_);
  }
}

void DayFileGenerator::write_accepted(RecordSource& records) {
  ClearingRecord record;
  ClearingDetailLine line;
  std::array<uint8_t, card_key_size> previous_key{};
  bool first = true;
  while (records.next(record)) {
    CITYCLEAR_CHECK(record.reason == accepted_reason, "a rejected record in the accepted stream");
    int order =
        first ? -1 : std::memcmp(previous_key.data(), record.card_key.data(), card_key_size);
    CITYCLEAR_CHECK(order <= 0, "accepted records not ordered by card key");
    // Equal keys are two accepted records of one card and counter: stored data, not this code, is
    // wrong.
    if (order == 0)
      throw RecordStreamMismatch("two accepted records have the same issuer, ASN and counter");
    previous_key = record.card_key;
    first = false;
    size_t acquirer = participant_index(record.acquirer_code, "acquirer");
    size_t issuer = participant_index(record.issuer_code, "issuer");
    line.set_record(record);
    if (acquirer == issuer) {
      ledger_.add_accepted(acquirer, issuer, record.amount_fen, 0);
      clearing_writers_[acquirer]->add_local(line);
    } else {
      int64_t fee = fee_fen(record.amount_fen, rates_.all()[acquirer].fee_bps);
      ledger_.add_accepted(acquirer, issuer, record.amount_fen, fee);
      clearing_writers_[acquirer]->add_acquired(line, issuer, fee);
      clearing_writers_[issuer]->add_issued(line, acquirer);
    }
    report_progress();
  }
}

void DayFileGenerator::write_rejected(RecordSource& records) {
  ClearingRecord record;
  // The last (batch id, sequence) of each acquirer: its file must be strictly ordered by them.
  std::vector<std::pair<std::array<char, batch_id_size>, uint32_t>> last(rates_.size());
  std::vector<bool> seen(rates_.size(), false);
  while (records.next(record)) {
    CITYCLEAR_CHECK(record.reason != accepted_reason, "an accepted record in the rejected stream");
    size_t acquirer = participant_index(record.acquirer_code, "acquirer");
    auto key = std::make_pair(record.batch_id, record.sequence);
    CITYCLEAR_CHECK(!seen[acquirer] || !(key < last[acquirer]),
                    "rejected records not ordered by batch id, sequence");
    if (seen[acquirer] && key == last[acquirer]) {
      throw RecordStreamMismatch("two records of one batch of " +
                                 format_institution_code(record.acquirer_code) +
                                 " have the same sequence");
    }
    last[acquirer] = key;
    seen[acquirer] = true;
    ledger_.add_rejected(acquirer, record.amount_fen);
    reject_writers_[acquirer]->add(record);
    report_progress();
  }
}

DayFiles DayFileGenerator::finish() {
  DayFiles result;
  result.streamed_totals = ledger_.totals();
  if (!(result.streamed_totals == request_.expected_totals)) {
    DayFigures streamed = result.streamed_totals.figures(),
               expected = request_.expected_totals.figures();
    throw RecordStreamMismatch("streamed records disagree with the day's totals: " +
                               std::to_string(streamed.record_count) + " records, " +
                               std::to_string(streamed.total_fees_fen) + " fen of fees streamed; " +
                               std::to_string(expected.record_count) + " records, " +
                               std::to_string(expected.total_fees_fen) + " fen of fees counted");
  }
  result.positions = ledger_.positions();
  for (size_t index = 0; index < rates_.size(); ++index) {
    // Double entry: the file's own trailer figures must be the ledger's position.
    CITYCLEAR_CHECK(clearing_writers_[index]->position() == result.positions[index + 1],
                    "CLR1 figures differ from the ledger");
    result.files.push_back(clearing_writers_[index]->finish());
    result.files.push_back(reject_writers_[index]->finish());
  }
  result.files.push_back(write_settlement_file(request_.day, result.positions, output_));
  output_.disk.wait();  // every file written, truncated to its size, fsynced and closed
  std::sort(result.files.begin(), result.files.end(),
            [](const auto& left, const auto& right) { return left.name < right.name; });
  if (request_.progress) request_.progress("writing files", streamed_records_, expected_records_);
  return result;
}

}  // namespace

DayFiles write_day_files(const DayFilesRequest& request, RecordSource& accepted_by_card_key,
                         RecordSource& rejected_by_batch) {
  CITYCLEAR_CHECK(request.rates != nullptr, "day files need the participants and rates");
  DayFileGenerator generator(request);
  generator.write_accepted(accepted_by_card_key);
  generator.write_rejected(rejected_by_batch);
  return generator.finish();
}

}  // namespace cityclear::clearing
