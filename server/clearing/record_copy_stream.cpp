#include "clearing/record_copy_stream.h"

#include <cstring>
#include <string>

#include "clearing/fee.h"
#include "clearing/record_stream_mismatch.h"
#include "common/bcd.h"

namespace cityclear::clearing {
namespace {

constexpr int16_t record_field_count = 12;

bool is_bcd(std::span<const uint8_t> bytes) {
  for (uint8_t byte : bytes) {
    if ((byte >> 4) > 9 || (byte & 0x0F) > 9) return false;
  }
  return true;
}

// The card key's first 4 bytes are the issuer in BCD, its last 2 the counter big-endian.
bool card_key_matches(const ClearingRecord& record) {
  auto issuer_bcd = bcd_of_number<4>(record.issuer_code);
  uint32_t counter = (uint32_t{record.card_key[14]} << 8) | record.card_key[15];
  return std::memcmp(issuer_bcd.data(), record.card_key.data(), 4) == 0 && counter == record.card_counter &&
         is_bcd(std::span<const uint8_t>(record.card_key.data(), 14));
}

bool fits_file_widths(const ClearingRecord& record) {
  return record.issuer_code <= 99999999 && record.acquirer_code <= 99999999 && record.reason <= 99 &&
         record.amount_fen >= 0 && record.amount_fen <= max_record_amount_fen &&
         record.terminal < (uint64_t{1} << 48) && record.sequence <= 99999999;
}

}  // namespace

RecordCopyStream::RecordCopyStream(pqxx::dbtransaction& transaction, const char* copy_statement)
    : transaction_(transaction), copy_statement_(copy_statement) {}

bool RecordCopyStream::next(ClearingRecord& record) {
  if (finished_) return false;
  if (!reader_) reader_ = std::make_unique<store::BinaryCopyReader>(transaction_, copy_statement_);
  if (!reader_->next_row()) {
    finished_ = true;
    reader_.reset();
    return false;
  }
  if (reader_->field_count() != record_field_count) throw RecordStreamMismatch("record COPY: unexpected field count");
  read_row(record);
  return true;
}

void RecordCopyStream::read_row(ClearingRecord& record) {
  reader_->read_uuid(record.card_key);
  record.issuer_code = static_cast<uint32_t>(reader_->read_int32());
  record.acquirer_code = static_cast<uint32_t>(reader_->read_int32());
  int16_t reason = reader_->read_int16();
  int16_t transaction_type = reader_->read_int16();
  int32_t card_counter = reader_->read_int32();
  record.amount_fen = reader_->read_int64();
  record.transaction_local_seconds = reader_->read_local_timestamp();
  std::string_view batch_id = reader_->read_bytes();
  int32_t sequence = reader_->read_int32();
  int64_t terminal = reader_->read_int64();
  int64_t terminal_serial = reader_->read_int64();
  bool in_range = reason >= 0 && transaction_type >= 0 && transaction_type <= 0xFF && card_counter >= 0 &&
                  card_counter <= 0xFFFF && sequence >= 0 && terminal >= 0 && terminal_serial >= 0 &&
                  terminal_serial <= 0xFFFFFFFFLL && batch_id.size() == batch_id_size;
  if (in_range) {
    record.reason = static_cast<uint8_t>(reason);
    record.transaction_type = static_cast<uint8_t>(transaction_type);
    record.card_counter = static_cast<uint32_t>(card_counter);
    std::memcpy(record.batch_id.data(), batch_id.data(), batch_id_size);
    record.sequence = static_cast<uint32_t>(sequence);
    record.terminal = static_cast<uint64_t>(terminal);
    record.terminal_serial = static_cast<uint32_t>(terminal_serial);
  }
  if (!in_range || !fits_file_widths(record) || !card_key_matches(record)) {
    throw RecordStreamMismatch("stored record " + std::string(batch_id) + " #" + std::to_string(sequence) +
                               " breaks the record format (card key, widths or ranges)");
  }
}

}  // namespace cityclear::clearing
