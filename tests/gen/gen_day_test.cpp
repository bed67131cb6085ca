// A generated day: deterministic, self-consistent, and shaped as the spec says.
#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <set>

#include "common/hex.h"
#include "common/sha256.h"
#include "gen/file_mac.h"
#include "gen/support/generated_day.h"
#include "gen/tb1_parser.h"
#include "support/test_paths.h"

using namespace cityclear;
using namespace cityclear::gen;
using nlohmann::json;

namespace {

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    REQUIRE(end != std::string::npos);
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

// Checks one accepted TB1 file against keys.json and its expected.json entry.
void check_accepted_file(const std::filesystem::path& dir, const json& entry, const json& keys) {
  std::string bytes = testing::read_file(dir / entry["file"].get<std::string>());
  std::vector<std::string> lines = lines_of(bytes);
  auto header = parse_tb1_header(lines.front());
  REQUIRE(header.has_value());
  CHECK(header->batch_id == entry["batch_id"]);
  CHECK(header->record_count == lines.size() - 2);
  CHECK(entry["reasons"].get<std::string>().size() == 2 * header->record_count);
  uint64_t total = 0;
  for (size_t i = 1; i + 1 < lines.size(); ++i) {
    auto record = parse_tb1_detail(lines[i]);
    REQUIRE(record.has_value());
    CHECK(record->sequence == i);
    total += record->amount;
  }
  const std::string& trailer = lines.back();
  REQUIRE(trailer.size() == 87);
  CHECK(std::stoull(trailer.substr(1, 8)) == header->record_count);
  CHECK(std::stoull(trailer.substr(9, 14)) == total);
  FileKey key{};
  REQUIRE(parse_hex_into(
      keys["acquirers"][entry["acquirer"].get<std::string>()]["file_key"].get<std::string>(), key));
  CHECK(file_mac_hex(key, std::string_view(bytes).substr(0, bytes.size() - 88)) ==
        trailer.substr(23));
  CHECK(sha256_hex(bytes) == entry["sha256"]);
}

// Every line of a settlement file has its type's width; the trailer's SHA-256 covers the rest.
void check_settlement_file(const std::string& name, const std::string& text) {
  std::map<char, size_t> widths;
  if (name.starts_with("CLR_")) widths = {{'H', 29}, {'D', 127}, {'S', 67}, {'T', 130}};
  if (name.starts_with("RJT_")) widths = {{'H', 29}, {'D', 88}, {'T', 73}};
  if (name.starts_with("STL_")) widths = {{'H', 21}, {'D', 66}, {'T', 88}};
  std::vector<std::string> lines = lines_of(text);
  for (const std::string& line : lines) CHECK(line.size() == widths[line[0]]);
  size_t trailer_start = text.size() - lines.back().size() - 1;
  CHECK(lines.back().substr(lines.back().size() - 64) == sha256_hex(text.substr(0, trailer_start)));
}

}  // namespace

TEST_CASE("gen: the same seed and options give byte-identical days", "[gen][day]") {
  auto first = testing::scratch_dir("gen-determinism-1");
  auto second = testing::scratch_dir("gen-determinism-2");
  testing::generate_quietly(testing::small_day_options(first));
  testing::generate_quietly(testing::small_day_options(second));
  auto a = testing::read_tree(first);
  auto b = testing::read_tree(second);
  CHECK(a.size() > 20);
  CHECK(a == b);
  auto other = testing::scratch_dir("gen-determinism-3");
  testing::generate_quietly(testing::small_day_options(other, 43));
  CHECK(testing::read_tree(other) != a);
}

TEST_CASE("gen: spilling accepted records to disk changes nothing", "[gen][day]") {
  auto in_memory = testing::scratch_dir("gen-spill-1");
  auto spilled = testing::scratch_dir("gen-spill-2");
  testing::generate_quietly(testing::small_day_options(in_memory));
  auto options = testing::small_day_options(spilled);
  options.spill_budget_records = 97;
  testing::generate_quietly(options);
  CHECK(testing::read_tree(in_memory) == testing::read_tree(spilled));
}

TEST_CASE("gen: files, expectations and settlement files agree with each other", "[gen][day]") {
  auto dir = testing::scratch_dir("gen-consistency");
  testing::generate_quietly(testing::small_day_options(dir));
  struct stat info {};
  REQUIRE(::stat((dir / "keys.json").c_str(), &info) == 0);
  CHECK((info.st_mode & 0777) == 0600);
  json keys = json::parse(testing::read_file(dir / "keys.json"));
  json expected = json::parse(testing::read_file(dir / "expected.json"));
  std::set<std::string> accepted_batches;
  std::set<std::string> rejected_reasons;
  for (const json& entry : expected["files"]) {
    INFO(entry["file"].get<std::string>());
    std::string batch = entry["acquirer"].get<std::string>() + entry["batch_id"].get<std::string>();
    if (entry["status"] == "accepted") {
      check_accepted_file(dir, entry, keys);
      accepted_batches.insert(batch);
    } else {
      rejected_reasons.insert(entry["reason"].get<std::string>());
      if (entry["reason"] == "F04") CHECK(accepted_batches.contains(batch));  // after its original
    }
  }
  CHECK(rejected_reasons == std::set<std::string>{"F01", "F02", "F03", "F04", "F05"});
  std::set<std::string> reasons;
  for (const auto& [code, count] : expected["totals"]["by_reason"].items()) reasons.insert(code);
  CHECK(reasons == std::set<std::string>{"00", "01", "02", "03", "04", "05", "07", "11", "12"});
  CHECK(expected["positions"]["sum_of_nets"] == 0);
  for (const json& name : expected["settlement_files"]["files"]) {
    INFO(name.get<std::string>());
    check_settlement_file(name, testing::read_file(dir / "expected" / name.get<std::string>()));
  }
}

TEST_CASE("gen: every issuer holds keys of both algorithms", "[gen][day]") {
  auto dir = testing::scratch_dir("gen-keys");
  testing::generate_quietly(testing::small_day_options(dir));
  json keys = json::parse(testing::read_file(dir / "keys.json"));
  json participants = json::parse(testing::read_file(dir / "participants.json"));
  bool zero_fee = false;
  for (const json& participant : participants["participants"])
    zero_fee = zero_fee || participant["fee_bps"] == 0;
  CHECK(zero_fee);
  for (const auto& [issuer, list] : keys["issuers"].items()) {
    std::set<std::string> algorithms;
    for (const json& key : list) algorithms.insert(key["alg"].get<std::string>());
    CHECK(algorithms == std::set<std::string>{"00", "04"});
    CHECK(keys["acquirers"][issuer]["file_key"].get<std::string>().size() == 64);
  }
}
