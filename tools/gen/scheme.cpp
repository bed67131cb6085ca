#include "gen/scheme.h"

#include <algorithm>
#include <array>
#include <stdexcept>

#include "common/hex.h"
#include "gen/rng.h"

namespace cityclear::gen {
namespace {

struct City {
  const char* name;
  uint32_t area;  // the first 4 digits of its operator codes
  const char* letters;
  int volume_weight;
};

// Chinese cities with their administrative area codes; the first three are the samples' own.
constexpr std::array<City, 37> cities = {{
    {"Shanghai", 3100, "SH", 10},    {"Hangzhou", 3301, "HZ", 5},  {"Guiyang", 5201, "GY", 2},
    {"Beijing", 1100, "BJ", 10},     {"Guangzhou", 4401, "GZ", 8}, {"Shenzhen", 4403, "SZ", 8},
    {"Chengdu", 5101, "CD", 6},      {"Wuhan", 4201, "WH", 5},     {"Nanjing", 3201, "NJ", 5},
    {"Xian", 6101, "XA", 4},         {"Chongqing", 5000, "CQ", 6}, {"Tianjin", 1200, "TJ", 4},
    {"Suzhou", 3205, "SU", 3},       {"Changsha", 4301, "CS", 3},  {"Zhengzhou", 4101, "ZZ", 3},
    {"Qingdao", 3702, "QD", 3},      {"Ningbo", 3302, "NB", 3},    {"Hefei", 3401, "HF", 3},
    {"Fuzhou", 3501, "FZ", 2},       {"Xiamen", 3502, "XM", 2},    {"Jinan", 3701, "JN", 2},
    {"Kunming", 5301, "KM", 2},      {"Nanning", 4501, "NN", 2},   {"Shenyang", 2101, "SY", 3},
    {"Dalian", 2102, "DL", 2},       {"Harbin", 2301, "HB", 2},    {"Changchun", 2201, "CC", 2},
    {"Shijiazhuang", 1301, "SJ", 2}, {"Taiyuan", 1401, "TY", 2},   {"Nanchang", 3601, "NC", 2},
    {"Lanzhou", 6201, "LZ", 1},      {"Urumqi", 6501, "WQ", 1},    {"Hohhot", 1501, "HH", 1},
    {"Haikou", 4601, "HK", 1},       {"Yinchuan", 6401, "YC", 1},  {"Xining", 6301, "XN", 1},
    {"Lhasa", 5401, "LS", 1},
}};

constexpr std::array<int, 8> fee_choices = {25, 30, 40, 50, 60, 80, 100, 150};
constexpr std::array<uint8_t, 6> first_versions = {0x01, 0x02, 0x08, 0x0E, 0x1F, 0x30};

std::vector<IssuerKey> make_issuer_keys(Rng& rng) {
  std::vector<IssuerKey> keys(4 + rng.below(3));  // 4 to 6: at least two of each algorithm
  uint8_t version = first_versions[rng.below(first_versions.size())];
  bool sm4_first = rng.below(2) == 1;
  for (size_t i = 0; i < keys.size(); ++i) {
    keys[i].version = static_cast<uint8_t>(version + i);
    keys[i].algorithm = ((i % 2 == 0) == sm4_first) ? Algorithm::sm4 : Algorithm::tdes;
    rng.fill(keys[i].mtk.data(), keys[i].mtk.size());
  }
  return keys;
}

std::string random_token_suffix(Rng& rng) {
  std::array<uint8_t, 8> bytes{};
  rng.fill(bytes.data(), bytes.size());
  return to_hex(bytes);
}

SchemeParticipant make_participant(int index, Rng& rng) {
  const City& city = cities[static_cast<size_t>(index) % cities.size()];
  int operator_number = index / static_cast<int>(cities.size()) + 1;
  SchemeParticipant participant;
  participant.code = city.area * 10000 + static_cast<uint32_t>(operator_number);
  participant.name = operator_number == 1
                         ? city.name
                         : std::string(city.name) + " " + std::to_string(operator_number);
  participant.letters = city.letters;
  participant.volume_weight = city.volume_weight;
  participant.fee_bps = fee_choices[rng.below(fee_choices.size())];
  participant.token = "token-" + std::to_string(participant.code) + "-" + random_token_suffix(rng);
  rng.fill(participant.file_key.data(), participant.file_key.size());
  participant.keys = make_issuer_keys(rng);
  return participant;
}

}  // namespace

size_t Scheme::index_of(uint32_t code) const {
  auto found =
      std::lower_bound(participants.begin(), participants.end(), code,
                       [](const SchemeParticipant& p, uint32_t value) { return p.code < value; });
  if (found == participants.end() || found->code != code)
    throw std::out_of_range("no participant " + std::to_string(code));
  return static_cast<size_t>(found - participants.begin());
}

const IssuerKey* Scheme::find_key(uint32_t issuer, uint8_t version, Algorithm algorithm) const {
  auto found =
      std::lower_bound(participants.begin(), participants.end(), issuer,
                       [](const SchemeParticipant& p, uint32_t value) { return p.code < value; });
  if (found == participants.end() || found->code != issuer) return nullptr;
  for (const IssuerKey& key : found->keys) {
    if (key.version == version && key.algorithm == algorithm) return &key;
  }
  return nullptr;
}

Scheme build_scheme(uint64_t seed, int participant_count) {
  Rng rng(derive_seed(seed, "scheme"));
  Scheme scheme;
  for (int i = 0; i < participant_count; ++i)
    scheme.participants.push_back(make_participant(i, rng));
  if (participant_count >= 3)
    scheme.participants[rng.below(scheme.participants.size())].fee_bps = 0;
  std::sort(scheme.participants.begin(), scheme.participants.end(),
            [](const SchemeParticipant& a, const SchemeParticipant& b) { return a.code < b.code; });
  scheme.operator_token = "token-operator-" + random_token_suffix(rng);
  scheme.unknown_issuers = {99990001, 99990002};
  scheme.unknown_acquirer = 99980001;
  return scheme;
}

}  // namespace cityclear::gen
