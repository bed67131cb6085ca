#include "record_fixture.h"

#include <algorithm>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "common/bcd.h"
#include "common/hex.h"
#include "common/local_time.h"
#include "support/test_paths.h"

namespace cityclear::clearing::testing {

ClearingRecord make_record(uint8_t reason, const std::string& batch_id, uint32_t acquirer,
                           uint32_t sequence, uint32_t issuer, const std::string& asn_digits,
                           uint32_t counter, int64_t amount_fen,
                           int64_t transaction_local_seconds) {
  if (batch_id.size() != batch_id_size || asn_digits.size() != 20)
    throw std::invalid_argument("bad test record");
  ClearingRecord record;
  auto issuer_bcd = bcd_of_number<4>(issuer);
  std::memcpy(record.card_key.data(), issuer_bcd.data(), 4);
  pack_bcd(asn_digits, std::span<uint8_t>(record.card_key.data() + 4, 10));
  record.card_key[14] = static_cast<uint8_t>(counter >> 8);
  record.card_key[15] = static_cast<uint8_t>(counter & 0xFF);
  record.issuer_code = issuer;
  record.acquirer_code = acquirer;
  record.reason = reason;
  record.transaction_type = 0x06;
  record.card_counter = counter;
  record.amount_fen = amount_fen;
  record.transaction_local_seconds = transaction_local_seconds;
  std::memcpy(record.batch_id.data(), batch_id.data(), batch_id_size);
  record.sequence = sequence;
  return record;
}

std::vector<ClearingRecord> read_record_file(const std::filesystem::path& file) {
  std::ifstream input(file);
  if (!input) throw std::runtime_error("cannot read " + file.string());
  std::vector<ClearingRecord> records;
  std::string line;
  while (std::getline(input, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream fields(line);
    std::string reason, batch_id, asn, type, time, terminal, serial;
    uint32_t acquirer = 0, sequence = 0, issuer = 0, counter = 0;
    int64_t amount = 0;
    fields >> reason >> batch_id >> acquirer >> sequence >> issuer >> asn >> counter >> type >>
        amount >> time >> terminal >> serial;
    if (!fields) throw std::runtime_error("bad record line: " + line);
    ClearingRecord record =
        make_record(static_cast<uint8_t>(std::stoi(reason)), batch_id, acquirer, sequence, issuer,
                    asn, counter, amount, *parse_local_timestamp(time));
    record.transaction_type = static_cast<uint8_t>(*parse_hex_number(type));
    record.terminal = *parse_hex_number(terminal);
    record.terminal_serial = static_cast<uint32_t>(*parse_hex_number(serial));
    records.push_back(record);
  }
  return records;
}

std::vector<ClearingRecord> accepted_by_card_key(const std::vector<ClearingRecord>& records) {
  std::vector<ClearingRecord> accepted;
  for (const auto& record : records) {
    if (record.reason == accepted_reason) accepted.push_back(record);
  }
  std::sort(accepted.begin(), accepted.end(),
            [](const auto& left, const auto& right) { return left.card_key < right.card_key; });
  return accepted;
}

std::vector<ClearingRecord> rejected_by_batch(const std::vector<ClearingRecord>& records) {
  std::vector<ClearingRecord> rejected;
  for (const auto& record : records) {
    if (record.reason != accepted_reason) rejected.push_back(record);
  }
  std::sort(rejected.begin(), rejected.end(), [](const auto& left, const auto& right) {
    return std::tie(left.batch_id, left.sequence, left.acquirer_code) <
           std::tie(right.batch_id, right.sequence, right.acquirer_code);
  });
  return rejected;
}

Participants small_day_participants() {
  return load_participants(cityclear::testing::test_data_dir() / "clearing" / "small_day" /
                           "participants.json");
}

std::string read_whole_file(const std::filesystem::path& file) {
  std::ifstream input(file, std::ios::binary);
  if (!input) throw std::runtime_error("cannot read " + file.string());
  std::ostringstream content;
  content << input.rdbuf();
  return content.str();
}

}  // namespace cityclear::clearing::testing
