// cityclear-gen: a deterministic clearing day (see usage.cpp / README.md).
#include <iostream>
#include <stdexcept>
#include <string>
#include <vector>

#include "gen/generator.h"
#include "gen/options.h"
#include "gen/self_check.h"

int main(int argc, char** argv) {
  using namespace cityclear::gen;
  GenOptions options;
  try {
    options = parse_options(std::vector<std::string>(argv + 1, argv + argc));
  } catch (const std::invalid_argument& error) {
    std::cerr << "cityclear-gen: " << error.what() << "\n";
    return 2;
  }
  if (options.help) {
    std::cout << usage_text();
    return 0;
  }
  if (options.self_check) return run_self_check(options.self_check_data, std::cout);
  try {
    generate_day(options, std::cout);
  } catch (const std::exception& error) {
    std::cerr << "cityclear-gen: " << error.what() << "\n";
    return 1;
  }
  return 0;
}
