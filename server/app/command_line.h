#pragma once
// `cityclear [--config FILE] <subcommand> [options]`: global options, --help, and the dispatch
// to the subcommand; returns the process's exit code.

namespace cityclear::app {

int run_command_line(int argc, char** argv);

}  // namespace cityclear::app
