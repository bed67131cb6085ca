#include "clearing/timestamp_field.h"

#include <cstring>

#include "clearing/fixed_width.h"
#include "common/local_time.h"

namespace cityclear::clearing {

void TimestampField::write(int64_t local_seconds, char* out) {
  constexpr int64_t seconds_per_day = 86400;
  int64_t day = local_seconds >= 0 ? local_seconds / seconds_per_day
                                   : (local_seconds - (seconds_per_day - 1)) / seconds_per_day;
  if (day != cached_day_) {
    CivilDate date = civil_from_days(day);
    write_decimal_field(cached_date_digits_.data(), 4, static_cast<uint64_t>(date.year));
    write_decimal_field(cached_date_digits_.data() + 4, 2, static_cast<uint64_t>(date.month));
    write_decimal_field(cached_date_digits_.data() + 6, 2, static_cast<uint64_t>(date.day));
    cached_day_ = day;
  }
  std::memcpy(out, cached_date_digits_.data(), cached_date_digits_.size());
  int64_t second_of_day = local_seconds - day * seconds_per_day;
  write_decimal_field(out + 8, 2, static_cast<uint64_t>(second_of_day / 3600));
  write_decimal_field(out + 10, 2, static_cast<uint64_t>(second_of_day / 60 % 60));
  write_decimal_field(out + 12, 2, static_cast<uint64_t>(second_of_day % 60));
}

}  // namespace cityclear::clearing
