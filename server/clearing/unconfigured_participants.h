#pragma once
// A day that cannot be settled because some of its records name institutions that are not
// configured participants (see participant_check.h for the rule and why).
#include <stdexcept>
#include <string>

namespace cityclear::clearing {

// The command line exits with code 1 (work failed); HTTP answers 409 (the day needs the
// configuration fixed first). The day stays closed; nothing of the run is stored.
class UnconfiguredParticipants : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace cityclear::clearing
