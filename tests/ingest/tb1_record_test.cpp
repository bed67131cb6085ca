#include <catch2/catch.hpp>

#include "common/hex.h"
#include "ingest/tb1_record.h"
#include "support/tb1_builder.h"
#include "support/test_paths.h"

using namespace cityclear;
using namespace cityclear::ingest;

namespace {
std::vector<std::string> sample_lines() {
  std::string text = testing::read_text_file(
      (testing::samples_dir() / "TB1_33010001_HZ2026112100000001AB.txt").string());
  std::vector<std::string> lines;
  size_t start = 0;
  for (size_t end; (end = text.find('\n', start)) != std::string::npos; start = end + 1)
    lines.push_back(text.substr(start, end - start));
  return lines;
}
}  // namespace

TEST_CASE("the sample header and trailer parse") {
  auto lines = sample_lines();
  FieldProblem problem;
  auto header = parse_header_line(lines.front(), problem);
  REQUIRE(header);
  CHECK(header->batch_id_text() == "HZ2026112100000001AB");
  CHECK(header->acquirer_code == 33010001);
  CHECK(header->record_count == 11);
  auto trailer = parse_trailer_line(lines.back(), problem);
  REQUIRE(trailer);
  CHECK(trailer->record_count == 11);
  CHECK(trailer->total_amount_fen == 7350);
}

TEST_CASE("a detail line parses into every field") {
  auto lines = sample_lines();
  FieldProblem problem;
  auto record = parse_detail_line(lines[1], problem);
  REQUIRE(record);
  CHECK(record->sequence == 1);
  CHECK(record->transaction_type == 0x06);
  CHECK(record->issuer_code == 31000001);
  CHECK(to_hex(record->card_asn) == "31000001000000000001");
  CHECK(record->card_type == 1);
  CHECK(record->card_counter == 1);
  CHECK(record->balance_before_fen == 5000);
  CHECK(record->amount_fen == 200);
  CHECK(to_hex(record->terminal) == "3301AA000001");
  CHECK(record->terminal_serial == 0x3E9);
  CHECK(record->algorithm == 0x00);
  CHECK(record->key_version == 0x01);
  CHECK(record->tac == 0x8CA672C6);
  CHECK_FALSE(record->grey);
  CHECK(std::string(record->station.data(), 8) == "L0100S05");
}

TEST_CASE("the TAC input is the 22 bytes of crypto.md") {
  auto lines = sample_lines();
  FieldProblem problem;
  auto record = parse_detail_line(lines[1], problem);
  REQUIRE(record);
  CHECK(to_hex(tac_input_of(*record)) == "000000C8063301AA000001000003E920261121083000");
  auto request = tac_request_of(*record);
  CHECK(to_hex(request.factor) == "0001000000000001");
  CHECK(request.key.issuer_code == 31000001);
}

TEST_CASE("hex fields accept lower case") {
  std::string line = sample_lines()[1];
  line.replace(66, 12, "3301aa000001");
  FieldProblem problem;
  auto record = parse_detail_line(line, problem);
  REQUIRE(record);
  CHECK(to_hex(record->terminal) == "3301AA000001");
}

TEST_CASE("edge values of numeric fields") {
  std::string line = sample_lines()[1];
  FieldProblem problem;
  line.replace(41, 5, "65535");
  CHECK(parse_detail_line(line, problem));
  line.replace(56, 10, "4294967295");
  CHECK(parse_detail_line(line, problem));
  line.replace(56, 10, "4294967296");
  CHECK_FALSE(parse_detail_line(line, problem));
  CHECK(std::string(problem.field) == "amount");
  line = sample_lines()[1];
  line.replace(86, 14, "20240229235959");  // a leap day
  CHECK(parse_detail_line(line, problem));
  line.replace(86, 14, "20250229120000");
  CHECK_FALSE(parse_detail_line(line, problem));
  line.replace(86, 14, "20261121240000");
  CHECK_FALSE(parse_detail_line(line, problem));
}

TEST_CASE("the card key sorts by issuer, ASN, counter") {
  auto lines = sample_lines();
  FieldProblem problem;
  auto first = *parse_detail_line(lines[1], problem);
  auto second = first;
  second.card_counter = 2;
  auto other_issuer = first;
  other_issuer.issuer_code = 33010001;
  CHECK(to_hex(card_key_of(first)) == "31000001310000010000000000010001");
  CHECK(card_key_of(first) < card_key_of(second));
  CHECK(card_key_of(second) < card_key_of(other_issuer));
}
