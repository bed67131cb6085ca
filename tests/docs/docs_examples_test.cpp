// The examples in docs/ still parse and verify: the TB1 example file (layout, MAC, every TAC)
// with the example keys, the worked TAC and file MAC values, the TCP frame's length prefixes,
// and the trailer hashes of the BL1 and settlement file examples.
#include <catch2/catch.hpp>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>

#include "common/hex.h"
#include "common/sha256.h"
#include "crypto/file_key_provider.h"
#include "docs/support/markdown_blocks.h"
#include "docs/support/tac_steps.h"
#include "ingest/detail_checks.h"
#include "ingest/file_examination.h"
#include "support/tb1_builder.h"
#include "support/test_paths.h"

namespace cityclear::testing {
namespace {

std::string example_file() {
  return fenced_block(read_doc_page("formats/tb1.md"), "tb1-example");
}

std::unique_ptr<crypto::FileKeyProvider> example_keys() {
  std::filesystem::path path = scratch_dir("docs_examples") / "keys.json";
  write_text_file(path.string(), fenced_block(read_doc_page("formats/tb1.md"), "example-keys"));
  std::filesystem::permissions(
      path, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  return crypto::load_file_key_provider(path);
}

// The detail with this record sequence in the example file.
ingest::DetailRecord example_detail(uint32_t sequence) {
  std::string details = example_file().substr(ingest::header_line_length + 1);
  ingest::FieldProblem problem;
  auto record = ingest::parse_detail_line(ingest::detail_line(details, sequence - 1), problem);
  REQUIRE(record);
  REQUIRE(record->sequence == sequence);
  return *record;
}

std::string four_byte_prefix_hex(size_t length) {
  const uint8_t prefix[4] = {uint8_t(length >> 24), uint8_t(length >> 16), uint8_t(length >> 8),
                             uint8_t(length)};
  return to_hex(std::span<const uint8_t>(prefix, 4));
}

std::string without_spaces(std::string text) {
  std::erase(text, ' ');
  return text;
}

// The trailer's last 64 characters are the SHA-256 of every byte before the trailer line.
void check_trailer_hash(const std::string& file) {
  REQUIRE(file.size() > 66);
  size_t trailer = file.rfind('\n', file.size() - 2) + 1;
  CHECK(file.substr(file.size() - 65, 64) == sha256_hex(std::string_view(file).substr(0, trailer)));
}

}  // namespace

TEST_CASE("the TB1 example parses, its MAC verifies and every TAC verifies", "[docs]") {
  const std::string file = example_file();
  auto keys = example_keys();
  IngestSettings limits;
  ingest::FileExamination exam = ingest::examine_file(file, limits, *keys, [](size_t) {});
  INFO((exam.rejection ? exam.rejection->code + ": " + exam.rejection->detail
                       : std::string("accepted")));
  REQUIRE_FALSE(exam.rejection);
  REQUIRE(exam.layout);
  REQUIRE(exam.summary.count == 3);
  for (uint32_t sequence = 1; sequence <= 3; ++sequence) {
    ingest::DetailRecord record = example_detail(sequence);
    auto computed = keys->compute_tac(ingest::tac_request_of(record));
    REQUIRE(computed);
    CHECK(*computed == record.tac);
  }
}

TEST_CASE("the worked 3DES and SM4 examples equal the reference code's values", "[docs]") {
  const std::string page = read_doc_page("tac-worked-example.md");
  const std::vector<std::string> names_3des = {
      "factor",  "factor_inverted", "dtk_left",     "dtk_right", "dtk",
      "mac_key", "tac_input",       "padded_input", "cbc_out_3", "tac"};
  const std::vector<std::string> names_sm4 = {"factor",       "factor_inverted", "dtk", "tac_input",
                                              "padded_input", "cbc_out_2",       "tac"};
  for (const auto& [info, required] :
       {std::pair{"tac-example-3des", names_3des}, std::pair{"tac-example-sm4", names_sm4}}) {
    auto documented = named_values(fenced_block(page, info));
    ingest::DetailRecord record =
        example_detail(static_cast<uint32_t>(std::stoul(documented.at("sequence"))));
    auto computed = tac_steps(record, documented.at("mtk"));
    for (const auto& name : required) CHECK(documented.count(name) == 1);
    for (const auto& [name, value] : documented) {
      if (name == "sequence" || name == "mtk") continue;
      INFO(info << " " << name);
      CHECK(value == computed[name]);
    }
    CHECK(documented.at("tac") == to_hex(std::span<const uint8_t>(std::array<uint8_t, 4>{
                                      uint8_t(record.tac >> 24), uint8_t(record.tac >> 16),
                                      uint8_t(record.tac >> 8), uint8_t(record.tac)})));
  }
}

TEST_CASE("the worked file MAC is the example file's trailer MAC", "[docs]") {
  auto documented =
      named_values(fenced_block(read_doc_page("tac-worked-example.md"), "file-mac-example"));
  const std::string file = example_file();
  const size_t mac_bytes = std::stoul(documented.at("mac_bytes"));
  CHECK(mac_bytes == file.size() - ingest::trailer_line_length - 1);
  Tb1File rebuilt = Tb1File::parse(file);
  CHECK(rebuilt.build(documented.at("file_key")) == file);
  CHECK(file.substr(file.size() - 65, 64) == documented.at("file_mac"));
}

TEST_CASE("the TCP frame example's length prefixes equal the lengths framed", "[docs]") {
  auto documented = named_values(fenced_block(read_doc_page("interfaces.md"), "tcp-frame-example"));
  const std::string file = example_file();
  CHECK(without_spaces(documented.at("request_prefix")) == four_byte_prefix_hex(file.size()));
  CHECK(std::stoul(documented.at("request_bytes")) == file.size());
  const std::string answer = documented.at("answer_payload");
  CHECK(without_spaces(documented.at("answer_prefix")) == four_byte_prefix_hex(answer.size()));
  auto outcome = nlohmann::json::parse(answer);
  CHECK(outcome.at("sha256") == sha256_hex(file));
  CHECK(outcome.at("records") == 3);
}

TEST_CASE("the BL1 and settlement file examples carry the SHA-256 of their bytes", "[docs]") {
  check_trailer_hash(fenced_block(read_doc_page("formats/bl1.md"), "bl1-example"));
  const std::string page = read_doc_page("formats/settlement-files.md");
  for (const char* info : {"clr1-example", "rjt1-example", "stl1-example"}) {
    INFO(info);
    check_trailer_hash(fenced_block(page, info));
  }
}

TEST_CASE("the SE1 example lines are JSON objects with the fields every event has", "[docs]") {
  std::istringstream lines(fenced_block(read_doc_page("formats/se1.md"), "se1-example"));
  std::string line;
  while (std::getline(lines, line)) {
    auto event = nlohmann::json::parse(line);
    for (const char* field : {"event_id", "kind", "issuer", "card_asn", "time"})
      CHECK(event.contains(field));
  }
}

}  // namespace cityclear::testing
