#include "clearing/card_key_sorter.h"

namespace cityclear::clearing {
namespace {

uint64_t big_endian_word(const uint8_t* bytes) {
  uint64_t value = 0;
  for (int index = 0; index < 8; ++index) value = (value << 8) | bytes[index];
  return value;
}

}  // namespace

RecordSortKey card_sort_key(const ClearingRecord& record) {
  return RecordSortKey{big_endian_word(record.card_key.data()),
                       big_endian_word(record.card_key.data() + 8)};
}

}  // namespace cityclear::clearing
