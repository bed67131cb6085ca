#pragma once
// Scheme participants and API tokens (shared/spec/interfaces.md, participants_file).
#include <array>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace cityclear {

inline constexpr uint32_t center_code = 0;  // "00000000"

struct Participant {
  uint32_t code = 0;
  std::string name;
  int fee_bps = 0;  // 0..10000
  std::vector<std::array<uint8_t, 32>> token_hashes;
};

// Who a bearer token belongs to.
struct Caller {
  bool is_operator = false;
  uint32_t participant_code = 0;  // meaningful when !is_operator
};

struct Participants {
  std::vector<Participant> participants;  // sorted by code
  std::vector<std::array<uint8_t, 32>> operator_token_hashes;

  const Participant* find(uint32_t code) const;
  // The caller a plain bearer token names (compared by SHA-256, in constant time); nullopt if
  // unknown.
  std::optional<Caller> identify(const std::string& token) const;
};

// Throws ConfigError naming the file and the problem.
Participants load_participants(const std::filesystem::path& file);

// "31000001" -> 31000001; nullopt unless exactly 8 decimal digits.
std::optional<uint32_t> parse_institution_code(const std::string& text);
std::string format_institution_code(uint32_t code);

}  // namespace cityclear
