#pragma once
// PostgreSQL binary COPY, in and out, through libpq (about twice as fast as text COPY for narrow
// rows). The COPY statements are fixed strings of the caller's (named statements), never input.
#include <cstdint>
#include <memory>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <pqxx/dbtransaction>

#include "store/copy_sender.h"
#include "store/raw_connection.h"

namespace cityclear::store {

// A COPY the server refused; sqlstate is PostgreSQL's five-character code ("23505": a unique key).
class CopyFailed : public std::runtime_error {
 public:
  CopyFailed(const std::string& message, std::string sqlstate)
      : std::runtime_error(message), sqlstate_(std::move(sqlstate)) {}
  const std::string& sqlstate() const { return sqlstate_; }
  bool unique_violation() const { return sqlstate_ == "23505"; }

 private:
  std::string sqlstate_;
};

// Days between 1970-01-01 and PostgreSQL's epoch 2000-01-01.
inline constexpr int64_t postgres_epoch_days = 10957;

class BinaryCopyWriter {
 public:
  // statement: "COPY table (columns) FROM STDIN (FORMAT binary)". With background_queue_bytes,
  // full buffers go out on a thread of their own (CopySender), at most that many bytes queued,
  // and the caller must leave the connection alone until finish().
  BinaryCopyWriter(pqxx::dbtransaction& transaction, std::string_view statement,
                   size_t flush_bytes = 64 << 10, size_t background_queue_bytes = 0);
  // The same on a connection whose transaction is driven by SQL text (a prepared transaction).
  BinaryCopyWriter(PGconn* connection, std::string_view statement, size_t flush_bytes = 64 << 10,
                   size_t background_queue_bytes = 0);
  BinaryCopyWriter(const BinaryCopyWriter&) = delete;
  BinaryCopyWriter& operator=(const BinaryCopyWriter&) = delete;
  // An unfinished COPY is aborted, which fails the transaction.
  ~BinaryCopyWriter();

  void begin_row(int16_t field_count);
  void add_null();
  void add_int16(int16_t value);
  void add_int32(int32_t value);
  void add_int64(int64_t value);
  void add_bool(bool value);
  void add_bytes(std::span<const uint8_t> bytes);  // bytea
  void add_text(std::string_view text);            // text, char(n)
  void add_jsonb(std::string_view json_text);  // jsonb (its binary form: version 1, then the text)
  void add_uuid(std::span<const uint8_t, 16> bytes);
  void add_date(int64_t days_since_1970);
  void add_local_timestamp(int64_t local_seconds);  // timestamp without time zone
  void add_instant(int64_t unix_microseconds);      // timestamptz
  // Ends the COPY; returns the rows PostgreSQL took. Throws with the server's message on error.
  uint64_t finish();

 private:
  void put_be(uint64_t value, int bytes);
  void flush();
  [[noreturn]] void report_refused_data();

  PGconn* connection_;
  std::vector<char> buffer_;
  size_t flush_bytes_;
  std::unique_ptr<CopySender> sender_;
  bool finished_ = false;
  uint64_t rows_ = 0;
};

// Reads "COPY (query) TO STDOUT (FORMAT binary)" row by row, one libpq buffer at a time.
class BinaryCopyReader {
 public:
  BinaryCopyReader(pqxx::dbtransaction& transaction, std::string_view statement);
  BinaryCopyReader(const BinaryCopyReader&) = delete;
  BinaryCopyReader& operator=(const BinaryCopyReader&) = delete;
  ~BinaryCopyReader();

  // Moves to the next row; false at the end (the COPY is then complete).
  bool next_row();
  int16_t field_count() const { return field_count_; }
  bool is_null();  // of the next field, without consuming it
  int16_t read_int16();
  int32_t read_int32();
  int64_t read_int64();
  bool read_bool();
  std::string_view read_bytes();  // bytea or text: valid until next_row()
  void read_uuid(std::span<uint8_t, 16> out);
  int64_t read_date();             // days since 1970
  int64_t read_local_timestamp();  // local seconds (microseconds dropped)

 private:
  std::string_view take_field(int32_t expected_length);
  uint64_t get_be(const char* data, int bytes) const;
  void finish_copy();

  PGconn* connection_;
  char* row_ = nullptr;
  int row_length_ = 0;
  int position_ = 0;
  bool header_seen_ = false;
  bool done_ = false;
  int16_t field_count_ = 0;
};

}  // namespace cityclear::store
