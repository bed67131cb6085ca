#pragma once
// The text form of a PostgreSQL array ('{"a","b",NULL}'), for passing a batch of values as one
// bound parameter ($1::uuid[], $2::bigint[]...) instead of one statement a value. Every element is
// quoted and escaped, so any text is safe; the statement stays a fixed string.
#include <cstdint>
#include <string>
#include <string_view>

namespace cityclear::store {

class ArrayLiteral {
 public:
  void reserve(size_t elements, size_t bytes_per_element) {
    text_.reserve(2 + elements * (bytes_per_element + 3));
  }
  void add(std::string_view element);
  void add(int64_t element);
  void add_null();
  // The literal; the builder may be reused after clear().
  std::string text() const { return "{" + text_ + "}"; }
  void clear() { text_.clear(); }

 private:
  void separate();
  std::string text_;
};

}  // namespace cityclear::store
