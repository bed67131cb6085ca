#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>

#include "net/request_body_sink.h"
#include "support/gzip_compress.h"
#include "support/test_paths.h"

using namespace cityclear;
using net::BodyProblem;
using net::RequestBodySink;
using net::SpoolFile;

namespace {
std::string contents(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}
}  // namespace

TEST_CASE("a plain body is spooled as it arrives", "[body]") {
  auto folder = testing::scratch_dir("body-plain");
  RequestBodySink sink(SpoolFile::create(folder, "t"), false, 100);
  CHECK(sink.write("hello "));
  CHECK(sink.write("world"));
  CHECK(sink.finish());
  auto file = sink.take_file();
  CHECK(contents(file->path()) == "hello world");
}

TEST_CASE("a body over the limit stops with too_large", "[body]") {
  auto folder = testing::scratch_dir("body-limit");
  RequestBodySink sink(SpoolFile::create(folder, "t"), false, 10);
  CHECK(sink.write("0123456789"));
  CHECK_FALSE(sink.write("x"));
  CHECK(sink.problem() == BodyProblem::too_large);
}

TEST_CASE("a gzip body is spooled inflated, and its inflated size is limited", "[body]") {
  auto folder = testing::scratch_dir("body-gzip");
  std::string original(5000, 'A');
  std::string compressed = testing::gzip_compress(original);
  RequestBodySink sink(SpoolFile::create(folder, "t"), true, 5000);
  CHECK(sink.write(compressed));
  CHECK(sink.finish());
  CHECK(contents(sink.take_file()->path()) == original);

  RequestBodySink small(SpoolFile::create(folder, "t"), true, 4999);
  CHECK_FALSE(small.write(compressed));
  CHECK(small.problem() == BodyProblem::too_large);

  RequestBodySink cut(SpoolFile::create(folder, "t"), true, 5000);
  CHECK(cut.write(compressed.substr(0, compressed.size() - 4)));
  CHECK_FALSE(cut.finish());
  CHECK(cut.problem() == BodyProblem::bad_encoding);
}

TEST_CASE("a body for a route that takes none is counted and dropped", "[body]") {
  RequestBodySink sink(nullptr, false, 4);
  CHECK(sink.write("1234"));
  CHECK(sink.finish());
  CHECK(sink.take_file() == nullptr);
}
