#include "clearing/settlement_store.h"

#include <span>

#include "clearing/day_totals_query.h"
#include "clearing/file_names.h"
#include "clearing/settlement_service.h"
#include "clearing/settlement_sql.h"
#include "common/check.h"
#include "common/hex.h"

namespace cityclear::clearing {

SettlementStore::SettlementStore(pqxx::dbtransaction& transaction, CivilDate day)
    : transaction_(transaction), day_(day), day_text_(format_iso_date(day)) {}

void SettlementStore::insert_run(const DayFigures& figures, const ParticipantRates& rates) {
  transaction_.exec_params0(sql::insert_run, day_text_, figures.record_count,
                            figures.accepted_count, figures.inter_city_count,
                            figures.total_fees_fen, to_hex(rates.fingerprint()));
}

void SettlementStore::insert_rates_and_files(const ParticipantRates& rates) {
  std::string codes =
      array_literal(rates.all(), [](const ParticipantRate& rate) { return rate.code; });
  std::string fee_rates =
      array_literal(rates.all(), [](const ParticipantRate& rate) { return rate.fee_bps; });
  transaction_.exec_params0(sql::insert_rates, day_text_, codes, fee_rates);
  for (const ParticipantRate& rate : rates.all()) {
    transaction_.exec_params0(sql::insert_file, day_text_, clearing_file_name(rate.code, day_),
                              "CLR1", static_cast<int64_t>(rate.code));
    transaction_.exec_params0(sql::insert_file, day_text_, reject_file_name(rate.code, day_),
                              "RJT1", static_cast<int64_t>(rate.code));
  }
  transaction_.exec_params0(sql::insert_file, day_text_, settlement_file_name(day_), "STL1",
                            int64_t{0});
}

void SettlementStore::begin_chunks() {
  CITYCLEAR_CHECK(!chunk_writer_, "chunk COPY started twice");
  chunk_writer_ = std::make_unique<store::BinaryCopyWriter>(transaction_, sql::copy_file_chunks,
                                                            2 * file_chunk_bytes);
}

void SettlementStore::add_chunk(const FileChunk& chunk) {
  CITYCLEAR_CHECK(chunk_writer_ != nullptr, "chunk before the chunk COPY started");
  chunk_writer_->begin_row(4);
  chunk_writer_->add_date(days_from_civil(day_));
  chunk_writer_->add_text(chunk.file_name);
  chunk_writer_->add_int32(chunk.chunk_number);
  chunk_writer_->add_bytes(std::span<const uint8_t>(
      reinterpret_cast<const uint8_t*>(chunk.bytes.data()), chunk.bytes.size()));
}

void SettlementStore::finish_chunks() {
  CITYCLEAR_CHECK(chunk_writer_ != nullptr, "chunk COPY finished before it started");
  chunk_writer_->finish();
  chunk_writer_.reset();
}

void SettlementStore::update_files(const std::vector<WrittenFile>& files) {
  for (const WrittenFile& file : files) {
    pqxx::result updated =
        transaction_.exec_params(sql::update_file, day_text_, file.name, to_hex(file.sha256),
                                 file.size_bytes, file.chunk_count);
    CITYCLEAR_CHECK(updated.affected_rows() == 1,
                    "a written file was not entered before its chunks");
  }
}

void SettlementStore::insert_positions(const std::vector<Position>& positions) {
  transaction_.exec_params0(
      sql::insert_positions, day_text_,
      array_literal(positions, [](const Position& p) { return p.participant_code; }),
      array_literal(positions, [](const Position& p) { return p.receivable_fen; }),
      array_literal(positions, [](const Position& p) { return p.payable_fen; }),
      array_literal(positions, [](const Position& p) { return p.fees_fen; }),
      array_literal(positions, [](const Position& p) { return p.net_fen; }));
}

void SettlementStore::mark_settled() {
  pqxx::result updated = transaction_.exec_params(sql::mark_day_settled, day_text_);
  if (updated.affected_rows() != 1) {
    throw SettlementMismatch("clearing day " + day_text_ +
                             " was not closed when its run was stored");
  }
}

}  // namespace cityclear::clearing
