#include "docs/support/markdown_blocks.h"

#include <catch2/catch.hpp>
#include <sstream>

#include "support/tb1_builder.h"
#include "support/test_paths.h"

namespace cityclear::testing {

std::string read_doc_page(const std::string& page) {
  return read_text_file((source_dir() / "docs" / page).string());
}

std::string fenced_block(const std::string& markdown, const std::string& info) {
  const std::string opening = "```" + info + "\n";
  size_t start = markdown.find(opening);
  if (start == std::string::npos) FAIL("no ```" + info + " block");
  if (markdown.find(opening, start + 1) != std::string::npos)
    FAIL("more than one ```" + info + " block");
  size_t body = start + opening.size();
  size_t end = markdown.find("```", body);
  if (end == std::string::npos) FAIL("the ```" + info + " block is not closed");
  return markdown.substr(body, end - body);
}

std::map<std::string, std::string> named_values(const std::string& block) {
  std::map<std::string, std::string> values;
  std::istringstream lines(block);
  std::string line;
  while (std::getline(lines, line)) {
    size_t space = line.find(' ');
    if (line.empty() || space == std::string::npos) continue;
    size_t value = line.find_first_not_of(' ', space);
    size_t last = line.find_last_not_of(' ');
    values[line.substr(0, space)] =
        value == std::string::npos ? "" : line.substr(value, last + 1 - value);
  }
  return values;
}

}  // namespace cityclear::testing
