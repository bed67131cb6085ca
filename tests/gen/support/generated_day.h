#pragma once
// Small generated days for the generator's tests, and reading their files back.
#include <filesystem>
#include <map>
#include <sstream>
#include <string>

#include "gen/options.h"

namespace cityclear::testing {

// A small day with every per-record fault and every whole-file fault.
gen::GenOptions small_day_options(const std::filesystem::path& out_dir, uint64_t seed = 42);
// Generates the day quietly.
void generate_quietly(const gen::GenOptions& options);
std::string read_file(const std::filesystem::path& path);
// Every regular file under folder (recursively), by relative path, with its bytes.
std::map<std::string, std::string> read_tree(const std::filesystem::path& folder);

}  // namespace cityclear::testing
