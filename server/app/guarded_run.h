#pragma once
// The boundary of every subcommand: an exception becomes ONE line on standard error and the
// exit code of interfaces.md (2 usage/configuration/keys, 4 database unreachable, 1 failed work).
#include <functional>
#include <string_view>

namespace cityclear::app {

int run_guarded(std::string_view command, const std::function<int()>& body);

// Prints "cityclear[ <command>]: <sentence>" on one line of standard error.
void print_error_line(std::string_view command, std::string_view sentence);

}  // namespace cityclear::app
