#include "clearing/clr_file_writer.h"

#include "clearing/file_names.h"
#include "clearing/fixed_width.h"
#include "clearing/record_stream_mismatch.h"
#include "common/check.h"
#include "config/participants.h"

namespace cityclear::clearing {
namespace {

constexpr size_t header_length = 1 + 4 + 8 + 8 + 8;
constexpr size_t summary_length = 1 + 8 + 8 + 14 + 8 + 14 + 14;
constexpr size_t trailer_fields_length =
    1 + 8 + 14 + 14 + 14 + signed_figure_width;  // the SHA-256 follows

}  // namespace

ClearingFileWriter::ClearingFileWriter(const ParticipantRates& rates, size_t participant_index,
                                       CivilDate day, int64_t detail_count, DayFileOutput& output)
    : rates_(rates),
      participant_index_(participant_index),
      participant_code_(rates.all().at(participant_index).code),
      expected_detail_count_(detail_count),
      summaries_(rates.size()),
      sink_(output, clearing_file_name(participant_code_, day)) {
  char line[header_length + 1];
  line[0] = 'H';
  write_text_field(line + 1, 4, "CLR1");
  write_decimal_field(line + 5, 8, participant_code_);
  write_text_field(line + 13, 8, format_date(day));
  write_decimal_field(line + 21, 8, static_cast<uint64_t>(detail_count));
  line[header_length] = '\n';
  sink_.append(std::string_view(line, sizeof line));
}

void ClearingFileWriter::add_detail(std::string_view line) {
  sink_.append(line);
  ++detail_count_;
}

void ClearingFileWriter::add_acquired(ClearingDetailLine& line, size_t issuer_index,
                                      int64_t fee_fen) {
  const ClearingRecord& record = line.record();
  CounterpartySummary& summary = summaries_[issuer_index];
  ++summary.receivable_count;
  summary.receivable_fen += record.amount_fen;
  summary.fees_fen += fee_fen;
  add_detail(line.for_file('A', record.issuer_code, fee_fen));
}

void ClearingFileWriter::add_issued(ClearingDetailLine& line, size_t acquirer_index) {
  const ClearingRecord& record = line.record();
  CounterpartySummary& summary = summaries_[acquirer_index];
  ++summary.payable_count;
  summary.payable_fen += record.amount_fen;
  add_detail(line.for_file('I', record.acquirer_code, 0));
}

void ClearingFileWriter::add_local(ClearingDetailLine& line) {
  add_detail(line.for_file('L', participant_code_, 0));
}

void ClearingFileWriter::write_summaries() {
  for (size_t index = 0; index < summaries_.size(); ++index) {
    const CounterpartySummary& summary = summaries_[index];
    if (summary.receivable_count == 0 && summary.payable_count == 0) continue;
    CITYCLEAR_CHECK(index != participant_index_,
                    "a participant is its own inter-city counterparty");
    char line[summary_length + 1];
    line[0] = 'S';
    write_decimal_field(line + 1, 8, rates_.all()[index].code);
    write_decimal_field(line + 9, 8, static_cast<uint64_t>(summary.receivable_count));
    write_decimal_field(line + 17, 14, static_cast<uint64_t>(summary.receivable_fen));
    write_decimal_field(line + 31, 8, static_cast<uint64_t>(summary.payable_count));
    write_decimal_field(line + 39, 14, static_cast<uint64_t>(summary.payable_fen));
    write_decimal_field(line + 53, 14, static_cast<uint64_t>(summary.fees_fen));
    line[summary_length] = '\n';
    sink_.append(std::string_view(line, sizeof line));
  }
}

Position ClearingFileWriter::position() const {
  Position position;
  position.participant_code = participant_code_;
  for (const CounterpartySummary& summary : summaries_) {
    position.receivable_fen += summary.receivable_fen;
    position.payable_fen += summary.payable_fen;
    position.fees_fen += summary.fees_fen;
  }
  position.net_fen = position.receivable_fen - position.payable_fen - position.fees_fen;
  return position;
}

WrittenFile ClearingFileWriter::finish() {
  if (detail_count_ != expected_detail_count_) {
    throw RecordStreamMismatch("CLR1 of " + format_institution_code(participant_code_) + ": " +
                               std::to_string(detail_count_) + " detail records streamed, " +
                               std::to_string(expected_detail_count_) + " counted");
  }
  write_summaries();
  Position figures = position();
  char trailer[trailer_fields_length];
  trailer[0] = 'T';
  write_decimal_field(trailer + 1, 8, static_cast<uint64_t>(detail_count_));
  write_decimal_field(trailer + 9, 14, static_cast<uint64_t>(figures.receivable_fen));
  write_decimal_field(trailer + 23, 14, static_cast<uint64_t>(figures.payable_fen));
  write_decimal_field(trailer + 37, 14, static_cast<uint64_t>(figures.fees_fen));
  write_signed_figure(trailer + 51, figures.net_fen);
  WrittenFile file = sink_.finish(std::string_view(trailer, sizeof trailer));
  file.kind = "CLR1";
  file.participant_code = participant_code_;
  return file;
}

}  // namespace cityclear::clearing
