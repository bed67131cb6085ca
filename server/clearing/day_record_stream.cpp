#include "clearing/day_record_stream.h"

#include <cstring>
#include <string>

#include "clearing/fee.h"
#include "clearing/record_stream_mismatch.h"
#include "clearing/settlement_sql.h"
#include "common/bcd.h"

namespace cityclear::clearing {
namespace {

constexpr int16_t record_field_count = 7;

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
  return std::memcmp(issuer_bcd.data(), record.card_key.data(), 4) == 0 &&
         counter == record.card_counter &&
         is_bcd(std::span<const uint8_t>(record.card_key.data(), 14));
}

bool fits_file_widths(const ClearingRecord& record) {
  return record.issuer_code <= 99999999 && record.acquirer_code <= 99999999 &&
         record.reason <= 99 && record.amount_fen >= 0 &&
         record.amount_fen <= max_record_amount_fen && record.terminal < (uint64_t{1} << 48) &&
         record.sequence <= 99999999;
}

RecordStreamMismatch broken_record(const DayBatch* batch, int64_t batch_key,
                                   std::optional<uint64_t> sequence) {
  std::string name = batch != nullptr && batch->well_formed
                         ? std::string(batch->batch_id.data(), batch_id_size)
                         : "of batch_key " + std::to_string(batch_key);
  std::string number = sequence ? " #" + std::to_string(*sequence) : std::string();
  return RecordStreamMismatch("stored record " + name + number +
                              " breaks the record format (batch, card key, widths or ranges)");
}

}  // namespace

DayRecordStream::DayRecordStream(pqxx::dbtransaction& transaction, const DayBatches& batches)
    : reader_(transaction, sql::copy_day_records), batches_(batches) {}

bool DayRecordStream::next(ClearingRecord& record, const DayBatch*& batch) {
  if (!reader_.next_row()) return false;
  if (reader_.field_count() != record_field_count)
    throw RecordStreamMismatch("record COPY: unexpected field count");
  batch = read_row(record);
  return true;
}

std::optional<uint64_t> DayRecordStream::read_packed() {
  if (reader_.is_null()) return std::nullopt;
  return static_cast<uint64_t>(reader_.read_int64());
}

// The fields in the order of sql::copy_day_records; a NULL (a part out of range) ends the row.
const DayBatch* DayRecordStream::read_row(ClearingRecord& record) {
  int64_t batch_key = reader_.read_int64();
  const DayBatch* batch = batches_.find(batch_key);
  std::optional<uint64_t> sequence_and_serial = read_packed();
  if (!sequence_and_serial) throw broken_record(batch, batch_key, std::nullopt);
  record.sequence = static_cast<uint32_t>(*sequence_and_serial >> 32);
  record.terminal_serial = static_cast<uint32_t>(*sequence_and_serial);
  reader_.read_uuid(record.card_key);
  std::optional<uint64_t> codes = read_packed();
  if (!codes) throw broken_record(batch, batch_key, record.sequence);
  record.issuer_code = static_cast<uint32_t>(*codes >> 32);
  record.acquirer_code = static_cast<uint32_t>(*codes);
  std::optional<uint64_t> amount_and_card = read_packed();
  if (!amount_and_card) throw broken_record(batch, batch_key, record.sequence);
  record.amount_fen = static_cast<int64_t>(*amount_and_card >> 31);
  record.card_counter = static_cast<uint32_t>((*amount_and_card >> 15) & 0xFFFF);
  record.transaction_type = static_cast<uint8_t>((*amount_and_card >> 7) & 0xFF);
  record.reason = static_cast<uint8_t>(*amount_and_card & 0x7F);
  record.transaction_local_seconds = reader_.read_local_timestamp();
  int64_t terminal = reader_.read_int64();
  record.terminal = static_cast<uint64_t>(terminal);
  bool batch_matches =
      batch != nullptr && batch->well_formed && batch->acquirer_code == record.acquirer_code;
  if (!batch_matches || terminal < 0 || !fits_file_widths(record) || !card_key_matches(record)) {
    throw broken_record(batch, batch_key, record.sequence);
  }
  record.batch_id = batch->batch_id;
  return batch;
}

}  // namespace cityclear::clearing
