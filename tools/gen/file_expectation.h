#pragma once
// What ingesting one file must give: its status, and for an accepted file the reason of every
// record (two characters per record, by sequence) and the counts by reason.
#include <array>
#include <cstdint>
#include <string>
#include <utility>

namespace cityclear::gen {

struct FileExpectation {
  std::string name;
  std::string batch_id;
  uint32_t acquirer = 0;
  int64_t created = 0;
  bool accepted = true;
  std::string reason;  // F01..F05 for a rejected file
  std::string rule;    // F01: the rule the file breaks
  std::string detail;  // one sentence on what is wrong
  int64_t records = 0;
  int64_t total_amount = 0;
  std::string reasons;                  // accepted: reason of sequence s at [2(s-1), 2s)
  std::array<int64_t, 14> by_reason{};  // accepted: counts, indexed by the reason's number
  std::string sha256;                   // of the file's bytes, uppercase hex
  int64_t bytes = 0;
};

inline FileExpectation file_expectation(std::string name, std::string batch_id, uint32_t acquirer,
                                        int64_t created) {
  FileExpectation expectation;
  expectation.name = std::move(name);
  expectation.batch_id = std::move(batch_id);
  expectation.acquirer = acquirer;
  expectation.created = created;
  return expectation;
}

}  // namespace cityclear::gen
