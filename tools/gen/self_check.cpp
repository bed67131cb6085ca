#include "gen/self_check.h"

#include <fstream>
#include <nlohmann/json.hpp>
#include <ostream>
#include <set>
#include <sstream>
#include <tuple>

#include "common/bcd.h"
#include "common/hex.h"
#include "common/local_time.h"
#include "gen/file_mac.h"
#include "gen/key_ring.h"
#include "gen/reason_oracle.h"
#include "gen/tb1_format.h"
#include "gen/tb1_parser.h"

namespace cityclear::gen {
namespace {

using nlohmann::json;

class Report {
 public:
  explicit Report(std::ostream& out) : out_(out) {}
  void expect(bool ok, const std::string& what) {
    out_ << (ok ? "OK   " : "FAIL ") << what << "\n";
    if (!ok) ++failures_;
  }
  int failures() const { return failures_; }

 private:
  std::ostream& out_;
  int failures_ = 0;
};

std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

template <size_t N>
std::array<uint8_t, N> bytes_of(const std::string& hex) {
  std::array<uint8_t, N> out{};
  if (!parse_hex_into(hex, out)) throw std::runtime_error("bad hex in vectors: " + hex);
  return out;
}

std::string hex_of_u32(uint32_t value) {
  std::string text(8, '0');
  put_hex(text.data(), value, 8);
  return text;
}

void check_primitives(const json& des, Report& report) {
  for (const auto& vector : des["des_ecb"]) {
    auto key = bytes_of<8>(vector["key"]);
    Block8 cipher = des_encrypt(des_schedule(key), bytes_of<8>(vector["plain"]));
    report.expect(to_hex(cipher) == vector["cipher"],
                  "DES-ECB key " + vector["key"].get<std::string>());
  }
  for (const auto& vector : des["tdes_ecb"]) {
    auto key = bytes_of<16>(vector["key"]);
    DesSchedule k1 = des_schedule(std::span<const uint8_t, 8>(key.data(), 8));
    DesSchedule k2 = des_schedule(std::span<const uint8_t, 8>(key.data() + 8, 8));
    Block8 cipher = tdes_encrypt(k1, k2, bytes_of<8>(vector["plain"]));
    report.expect(to_hex(cipher) == vector["cipher"],
                  "3DES-ECB key " + vector["key"].get<std::string>());
  }
  for (const auto& vector : des["sm4_ecb"]) {
    Sm4 sm4;
    sm4.set_key(bytes_of<16>(vector["key"]));
    report.expect(to_hex(sm4.encrypt(bytes_of<16>(vector["plain"]))) == vector["cipher"],
                  "SM4-ECB standard vector");
  }
  TacOracle oracle;
  for (const auto& vector : des["diversify_3des_then_tac"]) {
    MasterKey key(Algorithm::tdes, bytes_of<16>(vector["mtk"]));
    Block16 dtk = key.diversify(bytes_of<8>(vector["factor"]));
    report.expect(to_hex(dtk) == vector["dtk"],
                  "3DES diversification of factor " + vector["factor"].get<std::string>());
    uint32_t tac = oracle.tac_with_dtk(Algorithm::tdes, dtk, bytes_of<22>(vector["tac_input"]));
    report.expect(hex_of_u32(tac) == vector["tac"], "3DES TAC " + vector["tac"].get<std::string>());
  }
}

void check_tac_case(const json& vector, TacOracle& oracle, Report& report) {
  std::string asn = vector["card_asn"];
  Algorithm algorithm = vector["alg"] == "04" ? Algorithm::sm4 : Algorithm::tdes;
  std::string label = "tac.json alg " + vector["alg"].get<std::string>() + " ASN " + asn + ": ";
  Block8 factor = factor_of_asn(asn);
  report.expect(to_hex(factor) == vector["factor"], label + "factor");
  MasterKey key(algorithm, bytes_of<16>(vector["mtk"]));
  Block16 dtk = key.diversify(factor);
  report.expect(to_hex(dtk) == vector["dtk"], label + "DTK");
  TacFields fields;
  fields.amount = vector["amount"].get<uint32_t>();
  fields.transaction_type =
      static_cast<uint8_t>(*parse_hex_number(vector["tx_type"].get<std::string>()));
  fields.terminal = *parse_hex_number(vector["terminal"].get<std::string>());
  fields.terminal_serial =
      static_cast<uint32_t>(*parse_hex_number(vector["terminal_seq"].get<std::string>()));
  fields.local_time = *parse_local_timestamp(vector["time"].get<std::string>());
  report.expect(to_hex(tac_input_of(fields)) == vector["tac_input"], label + "TAC input");
  report.expect(hex_of_u32(oracle.tac(key, factor, fields)) == vector["tac"],
                label + "TAC " + vector["tac"].get<std::string>());
}

KeyRing sample_key_ring(const json& keys) {
  KeyRing ring;
  for (const auto& [issuer, list] : keys["issuers"].items()) {
    for (const auto& entry : list) {
      IssuerKey key;
      key.version = static_cast<uint8_t>(*parse_hex_number(entry["version"].get<std::string>()));
      key.algorithm = entry["alg"] == "04" ? Algorithm::sm4 : Algorithm::tdes;
      key.mtk = bytes_of<16>(entry["mtk"]);
      ring.add(static_cast<uint32_t>(std::stoul(issuer)), key);
    }
  }
  return ring;
}

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

// Re-writes a parsed detail line and classifies it as the spec says, duplicates included.
void check_sample_details(const std::vector<std::string_view>& lines, const Tb1Header& header,
                          const KeyRing& keys, const json& expected_reasons, Report& report) {
  TacOracle oracle;
  DayLimits limits;
  std::set<std::tuple<uint32_t, uint32_t, uint64_t, uint32_t>> accepted;
  uint64_t total = 0;
  for (size_t i = 1; i + 1 < lines.size(); ++i) {
    auto record = parse_tb1_detail(lines[i]);
    std::string label = "sample record " + std::to_string(i);
    report.expect(record.has_value(), label + " parses");
    if (!record) continue;
    total += record->amount;
    std::string rewritten = tb1_detail_line(*record);
    report.expect(std::string_view(rewritten).substr(0, tb1_detail_length) == lines[i],
                  label + " re-written byte for byte");
    RecordFacts facts;
    facts.tac_over_fields = tac_over_fields(*record, keys, oracle);
    auto key =
        std::make_tuple(record->issuer, record->asn.prefix, record->asn.serial, record->counter);
    facts.already_accepted = accepted.contains(key);
    Reason reason = classify_record(*record, header.created, keys, limits, facts);
    if (reason == Reason::accepted) accepted.insert(key);
    std::string want = expected_reasons.value(std::to_string(record->sequence), std::string("?"));
    report.expect(reason_code(reason) == want,
                  label + " reason " + reason_code(reason) + " (expected " + want + ")");
  }
  std::string_view trailer = lines.back();
  report.expect(parse_decimal(trailer.substr(1, 8)) == header.record_count &&
                    header.record_count == lines.size() - 2,
                "sample record count");
  report.expect(parse_decimal(trailer.substr(9, 14)) == total, "sample total amount");
}

void check_sample(const std::filesystem::path& samples, Report& report) {
  json expected = json::parse(read_text(samples / "expected.json"));
  json keys = json::parse(read_text(samples / "keys.json"));
  std::string bytes = read_text(samples / expected["batch"].get<std::string>());
  std::vector<std::string_view> lines = split_lines(bytes);
  auto header = lines.empty() ? std::nullopt : parse_tb1_header(lines[0]);
  report.expect(header.has_value() && lines.size() >= 2 && bytes.back() == '\n',
                "sample file: header and trailer");
  if (!header || lines.size() < 2) return;
  std::string acquirer(8, '0');
  put_decimal(acquirer.data(), header->acquirer, 8);
  FileKey file_key = bytes_of<32>(keys["acquirers"][acquirer]["file_key"]);
  std::string_view trailer = lines.back();
  std::string mac =
      file_mac_hex(file_key, std::string_view(bytes).substr(0, bytes.size() - trailer.size() - 1));
  report.expect(trailer.size() == tb1_trailer_length && trailer.substr(23) == mac,
                "sample file MAC " + mac);
  check_sample_details(lines, *header, sample_key_ring(keys), expected["reasons_by_sequence"],
                       report);
}

}  // namespace

SelfCheckData test_data_layout(const std::filesystem::path& data_dir) {
  return {data_dir / "vectors", data_dir / "samples"};
}

SelfCheckData shared_folder_layout(const std::filesystem::path& shared_dir) {
  return {shared_dir / "spec" / "vectors", shared_dir / "samples"};
}

int run_self_check(const SelfCheckData& data, std::ostream& out) {
  Report report(out);
  try {
    check_primitives(json::parse(read_text(data.vectors_dir / "des.json")), report);
    TacOracle oracle;
    json tac = json::parse(read_text(data.vectors_dir / "tac.json"));
    for (const auto& vector : tac["cases"]) check_tac_case(vector, oracle, report);
    check_sample(data.samples_dir, report);
  } catch (const std::exception& error) {
    report.expect(false, std::string("self-check could not run: ") + error.what());
  }
  out << (report.failures() == 0
              ? "self-check passed\n"
              : "self-check FAILED: " + std::to_string(report.failures()) + " check(s)\n");
  return report.failures() == 0 ? 0 : 1;
}

}  // namespace cityclear::gen
