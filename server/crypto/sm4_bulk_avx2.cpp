// The AVX2 SM4 bulk TAC kernel: 8 records per ymm, `groups` ymm per word, all in lockstep.
//
// Per record: 32 rounds of diversification under the master key, 32 rounds of key expansion of
// the card key, 2 x 32 rounds of CBC-MAC. Every lane has its own keys, so the key expansion runs
// in the vectors too, with the same S-box. The key expansion and the first MAC block run
// interleaved (round i of the MAC needs only round key i): two independent dependency chains. One
// round's chain is ~17 cycles long while its instructions need ~7, so several groups of 8 records
// run side by side to keep the vector units busy.
//
// This file is compiled with -mavx2 -maes -mvaes (server/crypto/CMakeLists.txt); sm4_bulk.cpp
// checks the CPU before calling in. It uses std::array only in constant expressions (see
// bytes_of in sm4_avx2_lanes.h).
#include <cstring>

#include "crypto/sm4_avx2_lanes.h"
#include "crypto/sm4_avx2_sbox.h"
#include "crypto/sm4_constants.h"
#include "crypto/sm4_kernels.h"

namespace cityclear::crypto {
namespace {

using sm4_avx2::records_per_vector;
using sm4_avx2::Vector;

// Groups of 8 records per batch. Measured with tools/bench/sm4_kernel_bench.cpp (EPYC, VAES),
// fastest calls in M TACs/s: 1 group 10, 2 groups 14, 3 groups 16-18, 4 groups 16.5-18.5. Four
// groups already spill part of the state (16 ymm registers); more would only spill more.
constexpr int batch_groups = 4;

struct KeyTable {
  uint32_t value[sm4::rounds];
};
// CK and FK copied at compile time into plain arrays (no std::array code at run time here).
constexpr KeyTable key_constants = [] {
  KeyTable table{};
  for (int i = 0; i < sm4::rounds; ++i) table.value[i] = sm4::key_constants[i];
  return table;
}();
constexpr uint32_t system_parameter[4] = {sm4::system_parameter[0], sm4::system_parameter[1],
                                          sm4::system_parameter[2], sm4::system_parameter[3]};

// Word j of the block state of every group; X[k] is replaced by round k (mod 4).
template <int groups>
using State = Vector[4][groups];
template <int groups>
using RoundKey = Vector[groups];

// One encryption round: X[k] ^= T(X[k+1] ^ X[k+2] ^ X[k+3] ^ rk), indices mod 4.
template <Sm4AesInstruction instruction, int groups, int k>
[[gnu::always_inline]] inline void encrypt_round(State<groups>& x,
                                                 const RoundKey<groups>& round_key) {
  for (int group = 0; group < groups; ++group) {
    const Vector mixed =
        _mm256_xor_si256(_mm256_xor_si256(x[(k + 1) & 3][group], x[(k + 2) & 3][group]),
                         _mm256_xor_si256(x[(k + 3) & 3][group], round_key[group]));
    x[k][group] = _mm256_xor_si256(
        x[k][group], sm4_avx2::encrypt_linear(sm4_avx2::sbox_shifted<instruction>(mixed)));
  }
}

// One key expansion round: K[k] ^= T'(K[k+1] ^ K[k+2] ^ K[k+3] ^ CK[round]); the new K[k] is
// round key `round`.
template <Sm4AesInstruction instruction, int groups, int k>
[[gnu::always_inline]] inline void key_round(State<groups>& key, int round,
                                             RoundKey<groups>& round_key) {
  const Vector constant = _mm256_set1_epi32(static_cast<int>(key_constants.value[round]));
  for (int group = 0; group < groups; ++group) {
    const Vector mixed =
        _mm256_xor_si256(_mm256_xor_si256(key[(k + 1) & 3][group], key[(k + 2) & 3][group]),
                         _mm256_xor_si256(key[(k + 3) & 3][group], constant));
    key[k][group] = _mm256_xor_si256(
        key[k][group], sm4_avx2::key_linear(sm4_avx2::sbox_shifted<instruction>(mixed)));
    round_key[group] = key[k][group];
  }
}

// Diversification: the 32 rounds under each record's own master key, transposed 4 at a time.
template <Sm4AesInstruction instruction, int groups>
[[gnu::always_inline]] inline void encrypt_with_master_keys(State<groups>& x,
                                                            const Sm4MasterKey* const* masters) {
  for (int round = 0; round < sm4::rounds; round += 4) {
    Vector round_keys[4][groups];
    for (int group = 0; group < groups; ++group) {
      Vector keys_of_group[4];
      sm4_avx2::load_master_round_keys(masters + group * records_per_vector, round, keys_of_group);
      for (int k = 0; k < 4; ++k) round_keys[k][group] = keys_of_group[k];
    }
    encrypt_round<instruction, groups, 0>(x, round_keys[0]);
    encrypt_round<instruction, groups, 1>(x, round_keys[1]);
    encrypt_round<instruction, groups, 2>(x, round_keys[2]);
    encrypt_round<instruction, groups, 3>(x, round_keys[3]);
  }
}

// Expands the card keys (the diversification output X35..X32) while encrypting the first MAC
// block with them, keeping the round keys for the second block.
template <Sm4AesInstruction instruction, int groups>
[[gnu::always_inline]] inline void expand_and_encrypt(const State<groups>& card_key,
                                                      State<groups>& x,
                                                      RoundKey<groups> (&round_keys)[sm4::rounds]) {
  State<groups> key;
  for (int i = 0; i < 4; ++i) {
    for (int group = 0; group < groups; ++group) {
      key[i][group] = _mm256_xor_si256(card_key[3 - i][group],
                                       _mm256_set1_epi32(static_cast<int>(system_parameter[i])));
    }
  }
  for (int round = 0; round < sm4::rounds; round += 4) {
    key_round<instruction, groups, 0>(key, round, round_keys[round]);
    encrypt_round<instruction, groups, 0>(x, round_keys[round]);
    key_round<instruction, groups, 1>(key, round + 1, round_keys[round + 1]);
    encrypt_round<instruction, groups, 1>(x, round_keys[round + 1]);
    key_round<instruction, groups, 2>(key, round + 2, round_keys[round + 2]);
    encrypt_round<instruction, groups, 2>(x, round_keys[round + 2]);
    key_round<instruction, groups, 3>(key, round + 3, round_keys[round + 3]);
    encrypt_round<instruction, groups, 3>(x, round_keys[round + 3]);
  }
}

template <Sm4AesInstruction instruction, int groups>
[[gnu::always_inline]] inline void encrypt_with_round_keys(
    State<groups>& x, const RoundKey<groups> (&round_keys)[sm4::rounds]) {
  for (int round = 0; round < sm4::rounds; round += 4) {
    encrypt_round<instruction, groups, 0>(x, round_keys[round]);
    encrypt_round<instruction, groups, 1>(x, round_keys[round + 1]);
    encrypt_round<instruction, groups, 2>(x, round_keys[round + 2]);
    encrypt_round<instruction, groups, 3>(x, round_keys[round + 3]);
  }
}

// Second MAC block: the first cipher block (X35, X34, X33, X32) XOR the padded input tail.
template <int groups>
[[gnu::always_inline]] inline void chain_second_block(State<groups>& x, const TacInput* inputs) {
  for (int group = 0; group < groups; ++group) {
    Vector tail_word0;
    Vector tail_word1;
    sm4_avx2::load_second_input_words(inputs + group * records_per_vector, tail_word0, tail_word1);
    const Vector first = _mm256_xor_si256(x[3][group], tail_word0);
    const Vector second = _mm256_xor_si256(x[2][group], tail_word1);
    const Vector third = x[1][group];
    const Vector fourth = x[0][group];
    x[0][group] = first;
    x[1][group] = second;
    x[2][group] = third;
    x[3][group] = fourth;
  }
}

// Exactly 8 * groups records.
template <Sm4AesInstruction instruction, int groups>
void tacs_of_batch(const Sm4MasterKey* const* masters, const DiversificationFactor* factors,
                   const TacInput* inputs, uint32_t* tacs) {
  State<groups> card_key;
  State<groups> x;
  for (int group = 0; group < groups; ++group) {
    Vector block[4];
    sm4_avx2::load_factor_block(factors + group * records_per_vector, block);
    for (int i = 0; i < 4; ++i) card_key[i][group] = block[i];
  }
  encrypt_with_master_keys<instruction, groups>(card_key, masters);

  for (int group = 0; group < groups; ++group) {
    Vector block[4];
    sm4_avx2::load_first_input_block(inputs + group * records_per_vector, block);
    for (int i = 0; i < 4; ++i) x[i][group] = block[i];
  }
  RoundKey<groups> round_keys[sm4::rounds];
  expand_and_encrypt<instruction, groups>(card_key, x, round_keys);

  chain_second_block<groups>(x, inputs);
  encrypt_with_round_keys<instruction, groups>(x, round_keys);
  // The TAC is the first output word, X35, already a big-endian value; lanes are in record order.
  for (int group = 0; group < groups; ++group) {
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(tacs + group * records_per_vector), x[3][group]);
  }
}

// Fewer than 8 records: run a full vector on copies padded with a repeat of the first record, so
// that nothing is read or written outside the caller's arrays.
template <Sm4AesInstruction instruction>
void tacs_of_tail(const Sm4MasterKey* const* masters, const DiversificationFactor* factors,
                  const TacInput* inputs, uint32_t* tacs, size_t count) {
  const Sm4MasterKey* padded_masters[records_per_vector];
  DiversificationFactor padded_factors[records_per_vector];
  TacInput padded_inputs[records_per_vector];
  uint32_t padded_tacs[records_per_vector];
  for (size_t i = 0; i < records_per_vector; ++i) {
    const size_t source = i < count ? i : 0;
    padded_masters[i] = masters[source];
    std::memcpy(&padded_factors[i], &factors[source], sizeof(DiversificationFactor));
    std::memcpy(&padded_inputs[i], &inputs[source], sizeof(TacInput));
  }
  tacs_of_batch<instruction, 1>(padded_masters, padded_factors, padded_inputs, padded_tacs);
  std::memcpy(tacs, padded_tacs, count * sizeof(uint32_t));
}

template <Sm4AesInstruction instruction>
void bulk_tacs(const Sm4MasterKey* const* masters, const DiversificationFactor* factors,
               const TacInput* inputs, uint32_t* tacs, size_t count) {
  constexpr size_t batch = batch_groups * records_per_vector;
  size_t done = 0;
  for (; count - done >= batch; done += batch) {
    tacs_of_batch<instruction, batch_groups>(masters + done, factors + done, inputs + done,
                                             tacs + done);
  }
  for (; count - done >= records_per_vector; done += records_per_vector) {
    tacs_of_batch<instruction, 1>(masters + done, factors + done, inputs + done, tacs + done);
  }
  if (done < count)
    tacs_of_tail<instruction>(masters + done, factors + done, inputs + done, tacs + done,
                              count - done);
}

}  // namespace

void sm4_bulk_tacs_avx2(Sm4AesInstruction instruction, const Sm4MasterKey* const* masters,
                        const DiversificationFactor* factors, const TacInput* inputs,
                        uint32_t* tacs, size_t count) {
  if (instruction == Sm4AesInstruction::vaes_256) {
    bulk_tacs<Sm4AesInstruction::vaes_256>(masters, factors, inputs, tacs, count);
  } else {
    bulk_tacs<Sm4AesInstruction::aesni_128>(masters, factors, inputs, tacs, count);
  }
}

void sm4_sbox_avx2(Sm4AesInstruction instruction, const uint8_t in[32], uint8_t out[32]) {
  const Vector x = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(in));
  const Vector shifted = instruction == Sm4AesInstruction::vaes_256
                             ? sm4_avx2::sbox_shifted<Sm4AesInstruction::vaes_256>(x)
                             : sm4_avx2::sbox_shifted<Sm4AesInstruction::aesni_128>(x);
  const Vector result = _mm256_shuffle_epi8(shifted, sm4_avx2::load(sm4_avx2::unshift_rows));
  _mm256_storeu_si256(reinterpret_cast<__m256i*>(out), result);
}

}  // namespace cityclear::crypto
