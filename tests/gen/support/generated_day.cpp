#include "gen/support/generated_day.h"

#include <fstream>

#include "gen/generator.h"

namespace cityclear::testing {

gen::GenOptions small_day_options(const std::filesystem::path& out_dir, uint64_t seed) {
  gen::GenOptions options;
  options.out_dir = out_dir;
  options.seed = seed;
  options.participants = 4;
  options.records = 3000;
  options.files_per_acquirer = 3;
  options.fault_permille.fill(15);
  options.file_faults = {15, 2, 1, 2, 1};
  return options;
}

void generate_quietly(const gen::GenOptions& options) {
  std::ostringstream log;
  gen::generate_day(options, log);
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

std::map<std::string, std::string> read_tree(const std::filesystem::path& folder) {
  std::map<std::string, std::string> files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(folder)) {
    if (entry.is_regular_file())
      files[entry.path().lexically_relative(folder).string()] = read_file(entry.path());
  }
  return files;
}

}  // namespace cityclear::testing
