#pragma once
// A RecordSource over a binary COPY of the record table (the statements in settlement_sql.h),
// started on the first next() so several streams can take turns on one connection. Every row
// is checked: its card key must encode its issuer and counter in BCD (that is what makes the
// card-key order the issuer, ASN, counter order) and every field must fit its file width.
#include <memory>
#include <string_view>

#include <pqxx/dbtransaction>

#include "clearing/clearing_record.h"
#include "store/binary_copy.h"

namespace cityclear::clearing {

class RecordCopyStream : public RecordSource {
 public:
  RecordCopyStream(pqxx::dbtransaction& transaction, const char* copy_statement);
  // Throws RecordStreamMismatch on a row that breaks the record format.
  bool next(ClearingRecord& record) override;

 private:
  void read_row(ClearingRecord& record);

  pqxx::dbtransaction& transaction_;
  const char* copy_statement_;
  std::unique_ptr<store::BinaryCopyReader> reader_;
  bool finished_ = false;
};

}  // namespace cityclear::clearing
