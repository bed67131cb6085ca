// The portable SM4 bulk TAC kernel: T-tables, four records interleaved.
//
// A T-table folds the S-box and the linear map of a round into one lookup per byte:
// table[j][b] = L(S(b) << (24 - 8j)), so T(x) is four lookups XORed (L is linear and distributes
// over the bytes). Separate tables serve the encryption (L) and the key expansion (L'). One
// record's 128 rounds form a single dependency chain of load latencies; running four records side
// by side gives the CPU four independent chains to overlap.
//
// Table lookups indexed by key-dependent bytes are not constant-time (cache timing); the AVX2
// kernel is. This kernel exists for CPUs without AVX2 and as a second implementation in tests.
#include <array>
#include <bit>

#include "crypto/sm4_constants.h"
#include "crypto/sm4_kernels.h"

namespace cityclear::crypto {
namespace {

using TTables = std::array<std::array<uint32_t, 256>, 4>;

constexpr uint32_t encrypt_linear(uint32_t b) {
  return b ^ std::rotl(b, 2) ^ std::rotl(b, 10) ^ std::rotl(b, 18) ^ std::rotl(b, 24);
}

constexpr uint32_t key_linear(uint32_t b) {
  return b ^ std::rotl(b, 13) ^ std::rotl(b, 23);
}

template <uint32_t (*linear)(uint32_t)>
constexpr TTables make_tables() {
  TTables tables{};
  for (int j = 0; j < 4; ++j) {
    for (int b = 0; b < 256; ++b) tables[j][b] = linear(uint32_t{sm4::sbox[b]} << (24 - 8 * j));
  }
  return tables;
}

alignas(64) constexpr TTables encrypt_tables = make_tables<encrypt_linear>();
alignas(64) constexpr TTables key_tables = make_tables<key_linear>();

constexpr int lanes = 4;  // records per chunk
static_assert(lanes == 4, "the tail switch in sm4_bulk_tacs_portable handles 1 to 3 records");

inline uint32_t transform(const TTables& tables, uint32_t x) {
  return tables[0][x >> 24] ^ tables[1][(x >> 16) & 0xFF] ^ tables[2][(x >> 8) & 0xFF] ^
         tables[3][x & 0xFF];
}

inline uint32_t load_big_endian(const uint8_t* bytes) {
  return (uint32_t{bytes[0]} << 24) | (uint32_t{bytes[1]} << 16) | (uint32_t{bytes[2]} << 8) |
         bytes[3];
}

// The 32 rounds on `active` records; state[lane] holds X0..X3 on entry and X32..X35 on exit.
template <int active>
inline void encrypt_rounds(uint32_t (&state)[lanes][4],
                           const uint32_t* const (&round_keys)[lanes]) {
  for (int round = 0; round < sm4::rounds; round += 4) {
    for (int k = 0; k < 4; ++k) {
      for (int lane = 0; lane < active; ++lane) {
        uint32_t* x = state[lane];
        x[k] ^= transform(encrypt_tables, x[(k + 1) & 3] ^ x[(k + 2) & 3] ^ x[(k + 3) & 3] ^
                                              round_keys[lane][round + k]);
      }
    }
  }
}

// Key expansion of each record's card key (words as the encryption left them: X32..X35, so the
// key is X35, X34, X33, X32).
template <int active>
inline void expand_keys(const uint32_t (&card_key)[lanes][4],
                        uint32_t (&round_keys)[lanes][sm4::rounds]) {
  uint32_t k[lanes][4];
  for (int lane = 0; lane < active; ++lane) {
    for (int i = 0; i < 4; ++i) k[lane][i] = card_key[lane][3 - i] ^ sm4::system_parameter[i];
  }
  for (int round = 0; round < sm4::rounds; round += 4) {
    for (int j = 0; j < 4; ++j) {
      for (int lane = 0; lane < active; ++lane) {
        uint32_t* x = k[lane];
        const uint32_t mixed =
            x[(j + 1) & 3] ^ x[(j + 2) & 3] ^ x[(j + 3) & 3] ^ sm4::key_constants[round + j];
        x[j] ^= transform(key_tables, mixed);
        round_keys[lane][round + j] = x[j];
      }
    }
  }
}

// Up to `lanes` records: diversify, expand, then CBC-MAC the two padded blocks.
template <int active>
void tacs_of_chunk(const Sm4MasterKey* const* masters, const DiversificationFactor* factors,
                   const TacInput* inputs, uint32_t* tacs) {
  uint32_t state[lanes][4];
  const uint32_t* keys[lanes] = {};
  for (int lane = 0; lane < active; ++lane) {
    const uint32_t left = load_big_endian(factors[lane].data());
    const uint32_t right = load_big_endian(factors[lane].data() + 4);
    state[lane][0] = left;
    state[lane][1] = right;
    state[lane][2] = ~left;
    state[lane][3] = ~right;
    keys[lane] = masters[lane]->round_keys;
  }
  encrypt_rounds<active>(state, keys);

  uint32_t card_round_keys[lanes][sm4::rounds];
  expand_keys<active>(state, card_round_keys);
  for (int lane = 0; lane < active; ++lane) {
    for (int i = 0; i < 4; ++i) state[lane][i] = load_big_endian(inputs[lane].data() + 4 * i);
    keys[lane] = card_round_keys[lane];
  }
  encrypt_rounds<active>(state, keys);

  // Second block: the first cipher block (X35, X34, X33, X32) XOR input[16..21] || 80 || 00*9.
  for (int lane = 0; lane < active; ++lane) {
    const uint8_t* tail = inputs[lane].data() + 16;
    const uint32_t first = state[lane][3] ^ load_big_endian(tail);
    const uint32_t second =
        state[lane][2] ^ ((uint32_t{tail[4]} << 24) | (uint32_t{tail[5]} << 16) | 0x8000u);
    const uint32_t third = state[lane][1];
    const uint32_t fourth = state[lane][0];
    state[lane][0] = first;
    state[lane][1] = second;
    state[lane][2] = third;
    state[lane][3] = fourth;
  }
  encrypt_rounds<active>(state, keys);
  for (int lane = 0; lane < active; ++lane)
    tacs[lane] = state[lane][3];  // first output word, big-endian value
}

}  // namespace

void sm4_bulk_tacs_portable(const Sm4MasterKey* const* masters,
                            const DiversificationFactor* factors, const TacInput* inputs,
                            uint32_t* tacs, size_t count) {
  size_t done = 0;
  for (; count - done >= lanes; done += lanes) {
    tacs_of_chunk<lanes>(masters + done, factors + done, inputs + done, tacs + done);
  }
  switch (count - done) {
    case 3: tacs_of_chunk<3>(masters + done, factors + done, inputs + done, tacs + done); break;
    case 2: tacs_of_chunk<2>(masters + done, factors + done, inputs + done, tacs + done); break;
    case 1: tacs_of_chunk<1>(masters + done, factors + done, inputs + done, tacs + done); break;
    default: break;
  }
}

}  // namespace cityclear::crypto
