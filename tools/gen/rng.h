#pragma once
// Deterministic pseudo-random numbers (SplitMix64 seeding, xoshiro256** stream). Never used for
// secrets that matter: the generator's keys are test keys, reproducible from the seed on purpose.
#include <cstdint>
#include <string_view>

namespace cityclear::gen {

constexpr uint64_t splitmix64(uint64_t& state) {
  uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

// A stable 64-bit mix of a seed and a label (FNV-1a over the label, then SplitMix64), so that
// independent parts of the day (keys, cards, each file) draw from independent streams.
constexpr uint64_t derive_seed(uint64_t seed, std::string_view label, uint64_t index = 0) {
  uint64_t hash = 0xCBF29CE484222325ULL;
  for (char c : label) hash = (hash ^ static_cast<uint8_t>(c)) * 0x100000001B3ULL;
  uint64_t state = seed ^ hash ^ (index * 0xD1B54A32D192ED03ULL);
  splitmix64(state);
  return splitmix64(state);
}

class Rng {
 public:
  explicit constexpr Rng(uint64_t seed) {
    for (auto& word : state_) word = splitmix64(seed);
  }

  constexpr uint64_t next() {
    uint64_t result = rotl(state_[1] * 5, 7) * 9;
    uint64_t t = state_[1] << 17;
    state_[2] ^= state_[0];
    state_[3] ^= state_[1];
    state_[1] ^= state_[2];
    state_[0] ^= state_[3];
    state_[2] ^= t;
    state_[3] = rotl(state_[3], 45);
    return result;
  }

  // Uniform in [0, bound) (bound > 0), by Lemire's multiply-shift (bias below 2^-32 for our
  // bounds).
  constexpr uint64_t below(uint64_t bound) {
    return static_cast<uint64_t>((static_cast<unsigned __int128>(next()) * bound) >> 64);
  }
  // Uniform in [low, high] inclusive.
  constexpr int64_t between(int64_t low, int64_t high) {
    return low + static_cast<int64_t>(below(static_cast<uint64_t>(high - low) + 1));
  }
  // True with probability permille / 1000.
  constexpr bool chance_permille(uint32_t permille) { return below(1000) < permille; }
  // Uniform in [0, 1).
  double unit() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  void fill(uint8_t* out, size_t size) {
    for (size_t i = 0; i < size; ++i) out[i] = static_cast<uint8_t>(next() >> 56);
  }

 private:
  static constexpr uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  uint64_t state_[4] = {};
};

}  // namespace cityclear::gen
