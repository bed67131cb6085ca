#pragma once
// The records streamed to the file writers disagree with the totals counted beforehand (the file
// headers were written from those): the store changed under the run, or a record lacks its batch.
// The settlement service reports it as SettlementMismatch; nothing is stored.
#include <stdexcept>

namespace cityclear::clearing {

class RecordStreamMismatch : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace cityclear::clearing
