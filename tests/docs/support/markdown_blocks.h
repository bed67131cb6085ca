#pragma once
// The fenced example blocks of the docs' Markdown pages, found by their info string
// (```tb1-example ... ```), so tests can check that the examples still parse and verify.
#include <map>
#include <string>

namespace cityclear::testing {

// The text of docs/<page> (relative to the source folder's docs/).
std::string read_doc_page(const std::string& page);
// The body of the one block opened by "```<info>" in `markdown`, each line with its LF;
// fails the test when there is none or more than one.
std::string fenced_block(const std::string& markdown, const std::string& info);
// A block of "name value" lines as a map; a value may hold spaces (kept as written, trimmed).
std::map<std::string, std::string> named_values(const std::string& block);

}  // namespace cityclear::testing
