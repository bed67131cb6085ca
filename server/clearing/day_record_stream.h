#pragma once
// Every record of a day, accepted and rejected, from one binary COPY of the record partition
// (settlement_sql.h, copy_day_records: packed fields), each with its batch from DayBatches.
// Every row is checked: its batch must be one of the day's, of the record's acquirer; its card
// key must encode its issuer and counter in BCD (that is what makes the card-key order the
// issuer, ASN, counter order) and every field must fit its file width.
#include <cstdint>
#include <optional>

#include <pqxx/dbtransaction>

#include "clearing/clearing_record.h"
#include "clearing/day_batches.h"
#include "store/binary_copy.h"

namespace cityclear::clearing {

class DayRecordStream {
 public:
  // Starts the COPY; the day must be in cityclear.settle_day (sql::set_settle_day).
  DayRecordStream(pqxx::dbtransaction& transaction, const DayBatches& batches);

  // Fills `record` and sets `batch` to its batch; false at the end. Throws RecordStreamMismatch
  // on a row that breaks the record format.
  bool next(ClearingRecord& record, const DayBatch*& batch);

 private:
  std::optional<uint64_t> read_packed();
  const DayBatch* read_row(ClearingRecord& record);

  store::BinaryCopyReader reader_;
  const DayBatches& batches_;
};

}  // namespace cityclear::clearing
