#pragma once
// Local times of the scheme: China Standard Time (UTC+8, no daylight saving), as
// YYYYMMDDhhmmss text at the edges and as seconds since 1970-01-01 00:00:00 *local* inside.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace cityclear {

inline constexpr int64_t china_offset_seconds = 8 * 3600;

struct CivilDate {
  int year = 0;
  int month = 0;
  int day = 0;
  friend bool operator==(const CivilDate&, const CivilDate&) = default;
  friend auto operator<=>(const CivilDate&, const CivilDate&) = default;
};

// Days since 1970-01-01 of a proleptic Gregorian date, and back.
int64_t days_from_civil(CivilDate date);
CivilDate civil_from_days(int64_t days);

bool is_valid_date(int year, int month, int day);
// Parses `YYYYMMDDhhmmss` (a valid date and time) to local seconds; nullopt otherwise.
std::optional<int64_t> parse_local_timestamp(std::string_view text);
// Parses `YYYYMMDD` (a valid date); nullopt otherwise.
std::optional<CivilDate> parse_date(std::string_view text);
// Writes 14 characters `YYYYMMDDhhmmss` for local seconds.
void write_local_timestamp(int64_t local_seconds, char* out);
std::string format_local_timestamp(int64_t local_seconds);
// `YYYY-MM-DD hh:mm:ss`, the form PostgreSQL reads as a timestamp whatever its DateStyle.
std::string format_iso_timestamp(int64_t local_seconds);
std::string format_date(CivilDate date);      // YYYYMMDD
std::string format_iso_date(CivilDate date);  // YYYY-MM-DD
CivilDate date_of_local_seconds(int64_t local_seconds);
// Local seconds now (UTC clock + 8 h).
int64_t local_seconds_now();

}  // namespace cityclear
