#pragma once
// The exit codes of shared/spec/interfaces.md.

namespace cityclear::app {

inline constexpr int exit_ok = 0;
inline constexpr int exit_failed = 1;          // a check found differences, or the work failed
inline constexpr int exit_usage = 2;           // usage or configuration error
inline constexpr int exit_input_rejected = 3;  // an input was rejected
inline constexpr int exit_database_unreachable = 4;

}  // namespace cityclear::app
