#pragma once
// CLR1, one participant's clearing file of a day (clearing.md): header, one detail line per
// record it acquired (A) or issued (I) inter-city or handled locally (L), in the order records
// are given (issuer, ASN, counter), one summary per counterparty, trailer with the SHA-256.
#include <cstdint>
#include <filesystem>
#include <vector>

#include "clearing/clearing_detail_line.h"
#include "clearing/clearing_record.h"
#include "clearing/file_sink.h"
#include "clearing/participant_rates.h"
#include "clearing/position.h"
#include "common/local_time.h"

namespace cityclear::clearing {

class ClearingFileWriter {
 public:
  // `detail_count` is written in the header; finish() asserts that exactly so many came.
  ClearingFileWriter(const ParticipantRates& rates, size_t participant_index, CivilDate day,
                     int64_t detail_count, DayFileOutput& output);

  // `line` holds the record (set_record); its role, counterparty and fee are set here.
  void add_acquired(ClearingDetailLine& line, size_t issuer_index, int64_t fee_fen);
  void add_issued(ClearingDetailLine& line, size_t acquirer_index);
  void add_local(ClearingDetailLine& line);

  // Writes the summaries and the trailer; the file stays under its temporary name.
  WrittenFile finish();
  // The participant's figures as this file states them.
  Position position() const;

 private:
  struct CounterpartySummary {
    int64_t receivable_count = 0;
    int64_t receivable_fen = 0;
    int64_t payable_count = 0;
    int64_t payable_fen = 0;
    int64_t fees_fen = 0;
  };
  void add_detail(std::string_view line);
  void write_summaries();

  const ParticipantRates& rates_;
  size_t participant_index_;
  uint32_t participant_code_;
  int64_t expected_detail_count_;
  int64_t detail_count_ = 0;
  std::vector<CounterpartySummary> summaries_;  // by counterparty index
  FileSink sink_;
};

}  // namespace cityclear::clearing
