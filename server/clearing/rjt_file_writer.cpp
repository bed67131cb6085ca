#include "clearing/rjt_file_writer.h"

#include <string>

#include "clearing/card_fields.h"
#include "clearing/file_names.h"
#include "clearing/fixed_width.h"
#include "clearing/record_stream_mismatch.h"
#include "common/check.h"
#include "config/participants.h"

namespace cityclear::clearing {
namespace {

constexpr size_t header_length = 1 + 4 + 8 + 8 + 8;
constexpr size_t detail_length = 1 + 20 + 8 + 2 + card_fields_width + 10 + 14;
constexpr size_t trailer_fields_length = 1 + 8;  // the SHA-256 follows

}  // namespace

RejectFileWriter::RejectFileWriter(uint32_t acquirer_code, CivilDate day, int64_t count,
                                   DayFileOutput& output)
    : acquirer_code_(acquirer_code),
      expected_count_(count),
      sink_(output, reject_file_name(acquirer_code, day)) {
  char line[header_length + 1];
  line[0] = 'H';
  write_text_field(line + 1, 4, "RJT1");
  write_decimal_field(line + 5, 8, acquirer_code);
  write_text_field(line + 13, 8, format_date(day));
  write_decimal_field(line + 21, 8, static_cast<uint64_t>(count));
  line[header_length] = '\n';
  sink_.append(std::string_view(line, sizeof line));
}

void RejectFileWriter::add(const ClearingRecord& record) {
  CITYCLEAR_CHECK(record.reason != accepted_reason && record.acquirer_code == acquirer_code_,
                  "record in the wrong RJT1 file");
  char line[detail_length + 1];
  line[0] = 'D';
  write_text_field(line + 1, 20, record.batch_id_text());
  write_decimal_field(line + 21, 8, record.sequence);
  write_decimal_field(line + 29, 2, record.reason);
  write_card_fields(line + 31, record);
  write_decimal_field(line + 64, 10, static_cast<uint64_t>(record.amount_fen));
  timestamp_field_.write(record.transaction_local_seconds, line + 74);
  line[detail_length] = '\n';
  sink_.append(std::string_view(line, sizeof line));
  ++count_;
}

WrittenFile RejectFileWriter::finish() {
  if (count_ != expected_count_) {
    throw RecordStreamMismatch("RJT1 of " + format_institution_code(acquirer_code_) + ": " +
                               std::to_string(count_) + " rejected records streamed, " +
                               std::to_string(expected_count_) + " counted");
  }
  char trailer[trailer_fields_length];
  trailer[0] = 'T';
  write_decimal_field(trailer + 1, 8, static_cast<uint64_t>(count_));
  WrittenFile file = sink_.finish(std::string_view(trailer, sizeof trailer));
  file.kind = "RJT1";
  file.participant_code = acquirer_code_;
  return file;
}

}  // namespace cityclear::clearing
