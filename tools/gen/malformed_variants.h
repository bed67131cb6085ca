#pragma once
// The F01 variants: each breaks exactly one rule of the TB1 format of a file that is otherwise
// valid and carries the right MAC over its (broken) bytes, so that nothing before the broken
// rule rejects it first (the spec checks F03 and F02 before the details are parsed).
#include <cstdint>
#include <string>
#include <vector>

namespace cityclear::gen {

// A small TB1 file as lines (each with its LF), before its trailer.
struct MalformedFile {
  std::vector<std::string> lines;  // [0] the header, then the details
  uint64_t trailer_count = 0;
  uint64_t trailer_total = 0;
  std::string after_trailer;
  bool has_trailer = true;
  bool empty = false;
};

struct MalformedVariant {
  const char* rule;
  const char* detail;
  void (*apply)(MalformedFile& file);
};

// In the order --file-faults F01=N takes them (cycling when N is larger).
const std::vector<MalformedVariant>& malformed_variants();

}  // namespace cityclear::gen
