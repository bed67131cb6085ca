#include "store/array_literal.h"

namespace cityclear::store {

void ArrayLiteral::separate() {
  if (!text_.empty()) text_.push_back(',');
}

void ArrayLiteral::add(std::string_view element) {
  separate();
  text_.push_back('"');
  for (char c : element) {
    if (c == '"' || c == '\\') text_.push_back('\\');
    text_.push_back(c);
  }
  text_.push_back('"');
}

void ArrayLiteral::add(int64_t element) {
  separate();
  text_ += std::to_string(element);
}

void ArrayLiteral::add_null() {
  separate();
  text_ += "NULL";
}

}  // namespace cityclear::store
