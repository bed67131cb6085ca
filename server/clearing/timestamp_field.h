#pragma once
// Writes local times as the 14 characters YYYYMMDDhhmmss, fast: records of a day share a few
// dates, so the date digits of the last day seen are kept.
#include <array>
#include <cstdint>

namespace cityclear::clearing {

class TimestampField {
 public:
  void write(int64_t local_seconds, char* out);

 private:
  int64_t cached_day_ = INT64_MIN;
  std::array<char, 8> cached_date_digits_{};
};

}  // namespace cityclear::clearing
