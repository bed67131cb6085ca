#include "clearing/clr_file_writer.h"

#include "clearing/card_fields.h"
#include "clearing/file_names.h"
#include "clearing/fixed_width.h"
#include "clearing/record_stream_mismatch.h"
#include "common/check.h"
#include "config/participants.h"

namespace cityclear::clearing {
namespace {

constexpr size_t header_length = 1 + 4 + 8 + 8 + 8;
constexpr size_t detail_length = 1 + 1 + 8 + card_fields_width + 2 + 10 + 10 + 14 + 20 + 8 + 12 + 8;
constexpr size_t summary_length = 1 + 8 + 8 + 14 + 8 + 14 + 14;
constexpr size_t trailer_fields_length = 1 + 8 + 14 + 14 + 14 + signed_figure_width;  // the SHA-256 follows

}  // namespace

ClearingFileWriter::ClearingFileWriter(const ParticipantRates& rates, size_t participant_index, CivilDate day,
                                       int64_t detail_count, const std::filesystem::path& directory,
                                       const ChunkSink* chunk_sink)
    : rates_(rates),
      participant_index_(participant_index),
      participant_code_(rates.all().at(participant_index).code),
      expected_detail_count_(detail_count),
      summaries_(rates.size()),
      sink_(directory, clearing_file_name(participant_code_, day), chunk_sink) {
  char line[header_length + 1];
  line[0] = 'H';
  write_text_field(line + 1, 4, "CLR1");
  write_decimal_field(line + 5, 8, participant_code_);
  write_text_field(line + 13, 8, format_date(day));
  write_decimal_field(line + 21, 8, static_cast<uint64_t>(detail_count));
  line[header_length] = '\n';
  sink_.append(std::string_view(line, sizeof line));
}

void ClearingFileWriter::add_detail(char role, uint32_t counterparty_code, const ClearingRecord& record,
                                    int64_t fee_fen) {
  char line[detail_length + 1];
  line[0] = 'D';
  line[1] = role;
  write_decimal_field(line + 2, 8, counterparty_code);
  write_card_fields(line + 10, record);
  write_hex_field(line + 43, 2, record.transaction_type);
  write_decimal_field(line + 45, 10, static_cast<uint64_t>(record.amount_fen));
  write_decimal_field(line + 55, 10, static_cast<uint64_t>(fee_fen));
  timestamp_field_.write(record.transaction_local_seconds, line + 65);
  write_text_field(line + 79, 20, record.batch_id_text());
  write_decimal_field(line + 99, 8, record.sequence);
  write_hex_field(line + 107, 12, record.terminal);
  write_hex_field(line + 119, 8, record.terminal_serial);
  line[detail_length] = '\n';
  sink_.append(std::string_view(line, sizeof line));
  ++detail_count_;
}

void ClearingFileWriter::add_acquired(const ClearingRecord& record, size_t issuer_index, int64_t fee_fen) {
  CounterpartySummary& summary = summaries_[issuer_index];
  ++summary.receivable_count;
  summary.receivable_fen += record.amount_fen;
  summary.fees_fen += fee_fen;
  add_detail('A', record.issuer_code, record, fee_fen);
}

void ClearingFileWriter::add_issued(const ClearingRecord& record, size_t acquirer_index) {
  CounterpartySummary& summary = summaries_[acquirer_index];
  ++summary.payable_count;
  summary.payable_fen += record.amount_fen;
  add_detail('I', record.acquirer_code, record, 0);
}

void ClearingFileWriter::add_local(const ClearingRecord& record) { add_detail('L', participant_code_, record, 0); }

void ClearingFileWriter::write_summaries() {
  for (size_t index = 0; index < summaries_.size(); ++index) {
    const CounterpartySummary& summary = summaries_[index];
    if (summary.receivable_count == 0 && summary.payable_count == 0) continue;
    CITYCLEAR_CHECK(index != participant_index_, "a participant is its own inter-city counterparty");
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
