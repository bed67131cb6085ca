// ProgressBar off a terminal: silent by default, else a line per step (and when it finishes).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <string>

#include "app/progress_bar.h"

using cityclear::app::OffTerminal;
using cityclear::app::ProgressBar;

namespace {

struct FileCloser {
  void operator()(std::FILE* file) const { std::fclose(file); }
};

std::string text_of(std::FILE* file) {
  std::fflush(file);
  std::rewind(file);
  std::string text;
  for (int c = std::fgetc(file); c != EOF; c = std::fgetc(file))
    text.push_back(static_cast<char>(c));
  return text;
}

size_t count_lines(const std::string& text) {
  return static_cast<size_t>(std::count(text.begin(), text.end(), '\n'));
}

// Many updates of two steps, as the settlement reports them (every 65,536 records).
void report_two_steps(ProgressBar& progress) {
  for (int64_t done = 0; done <= 10 * 65536; done += 65536)
    progress.update("sorting", done, 10 * 65536);
  for (int64_t done = 0; done < 10 * 65536; done += 65536)
    progress.update("writing files", done, 10 * 65536);
}

}  // namespace

TEST_CASE("progress off a terminal is silent unless lines are asked for", "[app][progress]") {
  std::unique_ptr<std::FILE, FileCloser> out(std::tmpfile());
  REQUIRE(out);
  {
    ProgressBar progress("settle", OffTerminal::silent, out.get(), false);
    report_two_steps(progress);
  }
  CHECK(text_of(out.get()).empty());
}

TEST_CASE("progress lines off a terminal: one per step and one when a step finishes",
          "[app][progress]") {
  std::unique_ptr<std::FILE, FileCloser> out(std::tmpfile());
  REQUIRE(out);
  {
    ProgressBar progress("settle", OffTerminal::lines, out.get(), false);
    report_two_steps(progress);
  }
  std::string text = text_of(out.get());
  INFO(text);
  CHECK(count_lines(text) == 3);
  CHECK(text.find("settle: sorting 0/655360\n") != std::string::npos);
  CHECK(text.find("settle: sorting 655360/655360\n") != std::string::npos);
  CHECK(text.find("settle: writing files 0/655360\n") != std::string::npos);
  CHECK(text.find('\r') == std::string::npos);
}

TEST_CASE("progress on a terminal is a bar redrawn in place", "[app][progress]") {
  std::unique_ptr<std::FILE, FileCloser> out(std::tmpfile());
  REQUIRE(out);
  {
    ProgressBar progress("settle", OffTerminal::lines, out.get(), true);
    report_two_steps(progress);
  }
  std::string text = text_of(out.get());
  CHECK(text.find('\n') == std::string::npos);
  CHECK(text.find("\rsettle [") != std::string::npos);
}
