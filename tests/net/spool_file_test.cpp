#include <catch2/catch.hpp>
#include <fstream>
#include <sys/stat.h>

#include "config/config_error.h"
#include "net/spool_file.h"
#include "support/test_paths.h"

using namespace cityclear;

namespace {
mode_t permissions_of(const std::filesystem::path& path) {
  struct stat status {};
  REQUIRE(::stat(path.c_str(), &status) == 0);
  return status.st_mode & 0777;
}
}  // namespace

TEST_CASE("a spool file is private and goes when dropped", "[spool]") {
  auto folder = testing::scratch_dir("spool-file");
  std::filesystem::path path;
  {
    auto file = net::SpoolFile::create(folder, net::spool_file_prefix);
    path = file->path();
    CHECK(permissions_of(path) == 0600);
    CHECK(file->write("abc"));
    CHECK(file->size_bytes() == 3);
    file->close();
    CHECK_FALSE(file->write("more"));
    CHECK(std::filesystem::file_size(path) == 3);
  }
  CHECK_FALSE(std::filesystem::exists(path));
}

TEST_CASE("the spool folder is created 0700 and cleared of a crash's leftovers", "[spool]") {
  auto folder = testing::scratch_dir("spool-dir") / "spool";
  CHECK(net::prepare_spool_dir(folder) == 0);
  CHECK(permissions_of(folder) == 0700);
  std::filesystem::path leftover = folder / (std::string(net::spool_file_prefix) + "-abcdef");
  std::ofstream(leftover) << "half an upload";
  std::ofstream(folder / "someone-elses-file") << "kept";
  ::chmod(folder.c_str(), 0755);
  CHECK(net::prepare_spool_dir(folder) == 1);
  CHECK_FALSE(std::filesystem::exists(leftover));
  CHECK(std::filesystem::exists(folder / "someone-elses-file"));
  CHECK(permissions_of(folder) == 0700);
}

TEST_CASE("a spool folder that cannot be made is a configuration error", "[spool]") {
  auto folder = testing::scratch_dir("spool-bad");
  std::ofstream(folder / "a-file") << "not a folder";
  CHECK_THROWS_AS(net::prepare_spool_dir(folder / "a-file" / "spool"), ConfigError);
}
