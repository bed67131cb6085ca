#include "common/local_time.h"

#include <chrono>
#include <cstdio>

#include "common/bcd.h"

namespace cityclear {

// Howard Hinnant's civil-date algorithms.
int64_t days_from_civil(CivilDate date) {
  int64_t year = date.year - (date.month <= 2 ? 1 : 0);
  int64_t era = (year >= 0 ? year : year - 399) / 400;
  int64_t year_of_era = year - era * 400;
  int64_t day_of_year = (153 * (date.month + (date.month > 2 ? -3 : 9)) + 2) / 5 + date.day - 1;
  int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;
}

CivilDate civil_from_days(int64_t days) {
  days += 719468;
  int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  int64_t day_of_era = days - era * 146097;
  int64_t year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  int64_t day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  int64_t month_index = (5 * day_of_year + 2) / 153;
  int day = static_cast<int>(day_of_year - (153 * month_index + 2) / 5 + 1);
  int month = static_cast<int>(month_index < 10 ? month_index + 3 : month_index - 9);
  int year = static_cast<int>(year_of_era + era * 400 + (month <= 2 ? 1 : 0));
  return {year, month, day};
}

bool is_valid_date(int year, int month, int day) {
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  static constexpr int month_days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  int limit = month_days[month - 1] + ((month == 2 && leap) ? 1 : 0);
  return day <= limit;
}

std::optional<CivilDate> parse_date(std::string_view text) {
  if (text.size() != 8 || !is_decimal(text)) return std::nullopt;
  int year = static_cast<int>(*parse_decimal(text.substr(0, 4)));
  int month = static_cast<int>(*parse_decimal(text.substr(4, 2)));
  int day = static_cast<int>(*parse_decimal(text.substr(6, 2)));
  if (!is_valid_date(year, month, day)) return std::nullopt;
  return CivilDate{year, month, day};
}

std::optional<int64_t> parse_local_timestamp(std::string_view text) {
  if (text.size() != 14 || !is_decimal(text)) return std::nullopt;
  auto date = parse_date(text.substr(0, 8));
  if (!date) return std::nullopt;
  int hour = (text[8] - '0') * 10 + (text[9] - '0');
  int minute = (text[10] - '0') * 10 + (text[11] - '0');
  int second = (text[12] - '0') * 10 + (text[13] - '0');
  if (hour > 23 || minute > 59 || second > 59) return std::nullopt;
  return days_from_civil(*date) * 86400 + hour * 3600 + minute * 60 + second;
}

void write_local_timestamp(int64_t local_seconds, char* out) {
  int64_t days = local_seconds >= 0 ? local_seconds / 86400 : (local_seconds - 86399) / 86400;
  int64_t second_of_day = local_seconds - days * 86400;
  CivilDate date = civil_from_days(days);
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%04d%02d%02d%02d%02d%02d", date.year, date.month, date.day,
                static_cast<int>(second_of_day / 3600), static_cast<int>(second_of_day / 60 % 60),
                static_cast<int>(second_of_day % 60));
  for (int i = 0; i < 14; ++i) out[i] = buffer[i];
}

std::string format_local_timestamp(int64_t local_seconds) {
  std::string text(14, '0');
  write_local_timestamp(local_seconds, text.data());
  return text;
}

std::string format_iso_timestamp(int64_t local_seconds) {
  std::string digits = format_local_timestamp(local_seconds);
  return digits.substr(0, 4) + "-" + digits.substr(4, 2) + "-" + digits.substr(6, 2) + " " +
         digits.substr(8, 2) + ":" + digits.substr(10, 2) + ":" + digits.substr(12, 2);
}

std::string format_date(CivilDate date) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d%02d%02d", date.year, date.month, date.day);
  return buffer;
}

std::string format_iso_date(CivilDate date) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", date.year, date.month, date.day);
  return buffer;
}

CivilDate date_of_local_seconds(int64_t local_seconds) {
  int64_t days = local_seconds >= 0 ? local_seconds / 86400 : (local_seconds - 86399) / 86400;
  return civil_from_days(days);
}

int64_t local_seconds_now() {
  auto now = std::chrono::system_clock::now();
  return std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count() +
         china_offset_seconds;
}

}  // namespace cityclear
