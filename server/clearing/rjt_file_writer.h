#pragma once
// RJT1, one acquirer's reject file of a day (clearing.md): the records of its files that were
// not accepted, in the order given (batch id, record sequence), then the trailer.
#include <cstdint>
#include <filesystem>

#include "clearing/clearing_record.h"
#include "clearing/file_sink.h"
#include "clearing/timestamp_field.h"
#include "common/local_time.h"

namespace cityclear::clearing {

class RejectFileWriter {
 public:
  // `count` is written in the header; finish() checks that exactly so many came.
  RejectFileWriter(uint32_t acquirer_code, CivilDate day, int64_t count, DayFileOutput& output);

  void add(const ClearingRecord& record);
  WrittenFile finish();

 private:
  uint32_t acquirer_code_;
  int64_t expected_count_;
  int64_t count_ = 0;
  TimestampField timestamp_field_;
  FileSink sink_;
};

}  // namespace cityclear::clearing
