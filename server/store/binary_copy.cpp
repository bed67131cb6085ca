#include "store/binary_copy.h"

#include <cstring>
#include <stdexcept>

#include "common/check.h"
#include "store/database_error.h"

namespace cityclear::store {
namespace {

constexpr char copy_signature[] = "PGCOPY\n\377\r\n";  // the signature and its final NUL
constexpr size_t copy_signature_size = sizeof(copy_signature);
static_assert(copy_signature_size == 11, "binary COPY's signature is 11 bytes, its NUL included");
constexpr size_t copy_header_size = copy_signature_size + 8;  // flags + extension length
constexpr int64_t microseconds_per_second = 1000000;
constexpr int64_t postgres_epoch_seconds = postgres_epoch_days * 86400;

std::string server_message(PGconn* connection) {
  return one_sentence(PQerrorMessage(connection));
}

// A lost connection has no SQLSTATE of its own: it is reported as 08006 (connection failure), so
// that callers can tell it from a refusal of the server's.
std::string sqlstate_of(PGconn* connection, const PGresult* result) {
  const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  if (state != nullptr && *state != '\0') return state;
  return PQstatus(connection) == CONNECTION_BAD ? "08006" : "";
}

// The one way a COPY reports failure: `what` failed, with the server's message and SQLSTATE.
[[noreturn]] void throw_copy_failed(PGconn* connection, PGresult* result, std::string_view what) {
  std::string message = one_sentence(result ? PQresultErrorMessage(result) : "");
  if (message.empty()) message = server_message(connection);
  std::string sqlstate = sqlstate_of(connection, result);
  PQclear(result);
  throw CopyFailed(std::string(what) + " failed: " + message, sqlstate);
}

// Takes the result of the statement sent last; throws unless its status is `wanted`.
void expect_result(PGconn* connection, ExecStatusType wanted, std::string_view what) {
  PGresult* result = PQgetResult(connection);
  if (result == nullptr || PQresultStatus(result) != wanted)
    throw_copy_failed(connection, result, what);
  PQclear(result);
}

// Runs a COPY statement and checks that the server entered the wanted COPY state.
void start_copy(PGconn* connection, std::string_view statement, ExecStatusType wanted,
                std::string_view what) {
  std::string sql(statement);
  PGresult* result = PQexec(connection, sql.c_str());
  if (result == nullptr || PQresultStatus(result) != wanted)
    throw_copy_failed(connection, result, what);
  PQclear(result);
}

}  // namespace

BinaryCopyWriter::BinaryCopyWriter(pqxx::dbtransaction& transaction, std::string_view statement,
                                   size_t flush_bytes, size_t background_queue_bytes)
    : BinaryCopyWriter(raw_connection(transaction), statement, flush_bytes,
                       background_queue_bytes) {}

BinaryCopyWriter::BinaryCopyWriter(PGconn* connection, std::string_view statement,
                                   size_t flush_bytes, size_t background_queue_bytes)
    : connection_(connection), flush_bytes_(flush_bytes) {
  start_copy(connection_, statement, PGRES_COPY_IN, "COPY start");
  if (background_queue_bytes > 0)
    sender_ = std::make_unique<CopySender>(connection_, background_queue_bytes);
  buffer_.reserve(flush_bytes_ + 4096);
  buffer_.insert(buffer_.end(), copy_signature, copy_signature + copy_signature_size);
  put_be(0, 4);  // flags
  put_be(0, 4);  // header extension length
}

BinaryCopyWriter::~BinaryCopyWriter() {
  sender_.reset();  // the sending thread stops before the connection is touched here
  if (finished_) return;
  // Abort the COPY: the server answers with an error, and the transaction is failed.
  PQputCopyEnd(connection_, "cityclear: COPY abandoned");
  while (PGresult* result = PQgetResult(connection_)) PQclear(result);
}

void BinaryCopyWriter::put_be(uint64_t value, int bytes) {
  uint64_t big_endian = __builtin_bswap64(value) >> (8 * (8 - bytes));
  size_t end = buffer_.size();
  buffer_.resize(end + static_cast<size_t>(bytes));
  std::memcpy(buffer_.data() + end, &big_endian, static_cast<size_t>(bytes));
}

void BinaryCopyWriter::flush() {
  if (buffer_.empty()) return;
  if (sender_) {
    if (!sender_->send(buffer_)) report_refused_data();
    buffer_.reserve(flush_bytes_ + 4096);
    return;
  }
  if (PQputCopyData(connection_, buffer_.data(), static_cast<int>(buffer_.size())) != 1)
    report_refused_data();
  buffer_.clear();
}

// The server ended the COPY with an error (a unique key, say): report its message and code.
void BinaryCopyWriter::report_refused_data() {
  sender_.reset();
  std::string sent_message = server_message(connection_);
  finished_ = true;
  expect_result(connection_, PGRES_COMMAND_OK, "COPY");
  while (PGresult* extra = PQgetResult(connection_)) PQclear(extra);
  throw CopyFailed("COPY data could not be sent: " + sent_message,
                   sqlstate_of(connection_, nullptr));
}

void BinaryCopyWriter::begin_row(int16_t field_count) {
  if (buffer_.size() >= flush_bytes_) flush();
  put_be(static_cast<uint16_t>(field_count), 2);
  ++rows_;
}

void BinaryCopyWriter::add_null() {
  put_be(0xFFFFFFFFu, 4);
}

void BinaryCopyWriter::add_int16(int16_t value) {
  put_be(2, 4);
  put_be(static_cast<uint16_t>(value), 2);
}

void BinaryCopyWriter::add_int32(int32_t value) {
  put_be(4, 4);
  put_be(static_cast<uint32_t>(value), 4);
}

void BinaryCopyWriter::add_int64(int64_t value) {
  put_be(8, 4);
  put_be(static_cast<uint64_t>(value), 8);
}

void BinaryCopyWriter::add_bool(bool value) {
  put_be(1, 4);
  buffer_.push_back(value ? 1 : 0);
}

void BinaryCopyWriter::add_bytes(std::span<const uint8_t> bytes) {
  if (bytes.size() > flush_bytes_) flush();
  put_be(bytes.size(), 4);
  buffer_.insert(buffer_.end(), bytes.begin(), bytes.end());
}

void BinaryCopyWriter::add_text(std::string_view text) {
  add_bytes(std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(text.data()), text.size()));
}

void BinaryCopyWriter::add_jsonb(std::string_view json_text) {
  constexpr char jsonb_version = 1;
  if (json_text.size() + 1 > flush_bytes_) flush();
  put_be(json_text.size() + 1, 4);
  buffer_.push_back(jsonb_version);
  buffer_.insert(buffer_.end(), json_text.begin(), json_text.end());
}

void BinaryCopyWriter::add_uuid(std::span<const uint8_t, 16> bytes) {
  put_be(16, 4);
  buffer_.insert(buffer_.end(), bytes.begin(), bytes.end());
}

void BinaryCopyWriter::add_date(int64_t days_since_1970) {
  add_int32(static_cast<int32_t>(days_since_1970 - postgres_epoch_days));
}

void BinaryCopyWriter::add_local_timestamp(int64_t local_seconds) {
  add_int64((local_seconds - postgres_epoch_seconds) * microseconds_per_second);
}

void BinaryCopyWriter::add_instant(int64_t unix_microseconds) {
  add_int64(unix_microseconds - postgres_epoch_seconds * microseconds_per_second);
}

uint64_t BinaryCopyWriter::finish() {
  CITYCLEAR_CHECK(!finished_, "COPY finished twice");
  put_be(0xFFFF, 2);  // file trailer
  flush();
  if (sender_) {
    if (!sender_->drain()) report_refused_data();
    sender_.reset();
  }
  finished_ = true;
  if (PQputCopyEnd(connection_, nullptr) != 1) throw_copy_failed(connection_, nullptr, "COPY end");
  expect_result(connection_, PGRES_COMMAND_OK, "COPY");
  while (PGresult* extra = PQgetResult(connection_)) PQclear(extra);
  return rows_;
}

BinaryCopyReader::BinaryCopyReader(pqxx::dbtransaction& transaction, std::string_view statement)
    : connection_(raw_connection(transaction)) {
  start_copy(connection_, statement, PGRES_COPY_OUT, "COPY TO start");
}

BinaryCopyReader::~BinaryCopyReader() {
  if (row_ != nullptr) PQfreemem(row_);
  if (done_) return;
  // Drain what is left so the connection is usable (or fails cleanly) afterwards.
  char* data = nullptr;
  while (PQgetCopyData(connection_, &data, 0) > 0) PQfreemem(data);
  while (PGresult* result = PQgetResult(connection_)) PQclear(result);
}

void BinaryCopyReader::finish_copy() {
  done_ = true;
  expect_result(connection_, PGRES_COMMAND_OK, "COPY TO");
  while (PGresult* extra = PQgetResult(connection_)) PQclear(extra);
}

bool BinaryCopyReader::next_row() {
  while (!done_) {
    if (row_ != nullptr) PQfreemem(row_);
    row_ = nullptr;
    row_length_ = PQgetCopyData(connection_, &row_, 0);
    if (row_length_ == -1) {
      finish_copy();
      return false;
    }
    if (row_length_ < 0) throw_copy_failed(connection_, nullptr, "COPY TO");
    position_ = 0;
    if (!header_seen_) {
      if (row_length_ < static_cast<int>(copy_header_size) ||
          std::memcmp(row_, copy_signature, copy_signature_size) != 0) {
        throw CopyFailed("COPY TO: not a binary COPY stream", "");
      }
      header_seen_ = true;
      position_ = static_cast<int>(copy_header_size);
      if (position_ == row_length_) continue;  // the header came as its own message
    }
    if (row_length_ - position_ < 2) throw CopyFailed("COPY TO: truncated row", "");
    field_count_ = static_cast<int16_t>(get_be(row_ + position_, 2));
    position_ += 2;
    if (field_count_ == -1) continue;  // trailer; the end comes with the next call
    return true;
  }
  return false;
}

uint64_t BinaryCopyReader::get_be(const char* data, int bytes) const {
  uint64_t value = 0;
  for (int i = 0; i < bytes; ++i) value = (value << 8) | static_cast<uint8_t>(data[i]);
  return value;
}

bool BinaryCopyReader::is_null() {
  CITYCLEAR_CHECK(row_length_ - position_ >= 4, "COPY TO: field past the end of the row");
  return static_cast<int32_t>(get_be(row_ + position_, 4)) == -1;
}

std::string_view BinaryCopyReader::take_field(int32_t expected_length) {
  if (row_length_ - position_ < 4) throw CopyFailed("COPY TO: field past the end of the row", "");
  int32_t length = static_cast<int32_t>(get_be(row_ + position_, 4));
  position_ += 4;
  if (length < 0) throw CopyFailed("COPY TO: unexpected NULL", "");
  if (expected_length >= 0 && length != expected_length)
    throw CopyFailed("COPY TO: field of unexpected size", "");
  if (row_length_ - position_ < length) throw CopyFailed("COPY TO: truncated field", "");
  std::string_view field(row_ + position_, static_cast<size_t>(length));
  position_ += length;
  return field;
}

int16_t BinaryCopyReader::read_int16() {
  return static_cast<int16_t>(get_be(take_field(2).data(), 2));
}
int32_t BinaryCopyReader::read_int32() {
  return static_cast<int32_t>(get_be(take_field(4).data(), 4));
}
int64_t BinaryCopyReader::read_int64() {
  return static_cast<int64_t>(get_be(take_field(8).data(), 8));
}
bool BinaryCopyReader::read_bool() {
  return take_field(1)[0] != 0;
}
std::string_view BinaryCopyReader::read_bytes() {
  return take_field(-1);
}

void BinaryCopyReader::read_uuid(std::span<uint8_t, 16> out) {
  std::string_view field = take_field(16);
  std::memcpy(out.data(), field.data(), 16);
}

int64_t BinaryCopyReader::read_date() {
  return read_int32() + postgres_epoch_days;
}

int64_t BinaryCopyReader::read_local_timestamp() {
  int64_t microseconds = read_int64();
  int64_t seconds =
      microseconds >= 0
          ? microseconds / microseconds_per_second
          : -((-microseconds + microseconds_per_second - 1) / microseconds_per_second);
  return seconds + postgres_epoch_seconds;
}

}  // namespace cityclear::store
