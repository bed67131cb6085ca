#include "gen/settlement_lines.h"

#include <stdexcept>

#include "gen/tb1_format.h"

namespace cityclear::gen {
namespace {

// Appends fixed-width fields into a fixed buffer (no allocation but the final string); refuses a
// value that does not fit its width.
class Line {
 public:
  Line& text(std::string_view value) {
    room(value.size());
    for (char c : value) buffer_[length_++] = c;
    return *this;
  }
  Line& decimal(int64_t value, size_t width) {
    if (value < 0 || (width < 19 && static_cast<uint64_t>(value) >= power_of_ten(width))) {
      throw std::out_of_range("value " + std::to_string(value) + " does not fit " +
                              std::to_string(width) + " digits");
    }
    room(width);
    put_decimal(buffer_ + length_, static_cast<uint64_t>(value), width);
    length_ += width;
    return *this;
  }
  Line& hex(uint64_t value, size_t width) {
    room(width);
    put_hex(buffer_ + length_, value, width);
    length_ += width;
    return *this;
  }
  Line& timestamp(int64_t local_seconds) {
    room(14);
    put_local_timestamp(buffer_ + length_, local_seconds);
    length_ += 14;
    return *this;
  }
  Line& signed15(int64_t value) { return text(signed_15(value)); }
  // The line, with an LF when asked; throws unless it has exactly the expected length.
  std::string done(size_t expected_length, bool with_lf = true) {
    if (length_ != expected_length) throw std::logic_error("settlement line of the wrong length");
    if (with_lf) buffer_[length_++] = '\n';
    return std::string(buffer_, length_);
  }

 private:
  void room(size_t more) const {
    if (length_ + more >= sizeof buffer_) throw std::logic_error("settlement line too long");
  }
  static uint64_t power_of_ten(size_t width) {
    uint64_t result = 1;
    for (size_t i = 0; i < width; ++i) result *= 10;
    return result;
  }
  char buffer_[192];
  size_t length_ = 0;
};

}  // namespace

std::string signed_15(int64_t value) {
  std::string out(15, '0');
  out[0] = value < 0 ? '-' : '+';
  uint64_t magnitude = value < 0 ? 0 - static_cast<uint64_t>(value) : static_cast<uint64_t>(value);
  if (magnitude >= 100000000000000ULL) throw std::out_of_range("signed figure over 14 digits");
  put_decimal(out.data() + 1, magnitude, 14);
  return out;
}

std::string clr_header(uint32_t participant, std::string_view date, int64_t detail_count) {
  return Line()
      .text("H")
      .text("CLR1")
      .decimal(participant, 8)
      .text(date)
      .decimal(detail_count, 8)
      .done(29);
}

std::string clr_detail(char role, uint32_t counterparty, const AcceptedEntry& entry, int64_t fee,
                       std::string_view batch_id) {
  return Line()
      .text("D")
      .text(std::string_view(&role, 1))
      .decimal(counterparty, 8)
      .decimal(entry.issuer, 8)
      .decimal(entry.asn_prefix, 8)
      .decimal(static_cast<int64_t>(entry.asn_serial), 12)
      .decimal(entry.counter, 5)
      .hex(entry.transaction_type, 2)
      .decimal(entry.amount, 10)
      .decimal(fee, 10)
      .timestamp(entry.local_time)
      .text(batch_id)
      .decimal(entry.sequence, 8)
      .hex(entry.terminal, 12)
      .hex(entry.terminal_serial, 8)
      .done(127);
}

std::string clr_summary(uint32_t counterparty, const Flow& receivable, const Flow& payable) {
  return Line()
      .text("S")
      .decimal(counterparty, 8)
      .decimal(receivable.count, 8)
      .decimal(receivable.amount, 14)
      .decimal(payable.count, 8)
      .decimal(payable.amount, 14)
      .decimal(receivable.fees, 14)
      .done(67);
}

std::string clr_trailer_fields(int64_t detail_count, const Position& position) {
  return Line()
      .text("T")
      .decimal(detail_count, 8)
      .decimal(position.receivable, 14)
      .decimal(position.payable, 14)
      .decimal(position.fees, 14)
      .signed15(position.net)
      .done(66, false);
}

std::string rjt_header(uint32_t acquirer, std::string_view date, int64_t count) {
  return Line().text("H").text("RJT1").decimal(acquirer, 8).text(date).decimal(count, 8).done(29);
}

std::string rjt_detail(const RejectedEntry& entry, std::string_view batch_id) {
  return Line()
      .text("D")
      .text(batch_id)
      .decimal(entry.sequence, 8)
      .decimal(static_cast<int64_t>(entry.reason), 2)
      .decimal(entry.issuer, 8)
      .decimal(entry.asn.prefix, 8)
      .decimal(static_cast<int64_t>(entry.asn.serial), 12)
      .decimal(entry.counter, 5)
      .decimal(entry.amount, 10)
      .timestamp(entry.local_time)
      .done(88);
}

std::string rjt_trailer_fields(int64_t count) {
  return Line().text("T").decimal(count, 8).done(9, false);
}

std::string stl_header(std::string_view date, int64_t participant_count) {
  return Line().text("H").text("STL1").text(date).decimal(participant_count, 8).done(21);
}

std::string stl_detail(const Position& position) {
  return Line()
      .text("D")
      .decimal(position.code, 8)
      .decimal(position.receivable, 14)
      .decimal(position.payable, 14)
      .decimal(position.fees, 14)
      .signed15(position.net)
      .done(66);
}

std::string stl_trailer_fields(int64_t count, int64_t sum_of_nets) {
  return Line().text("T").decimal(count, 8).signed15(sum_of_nets).done(24, false);
}

}  // namespace cityclear::gen
