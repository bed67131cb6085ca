// Every SM4 bulk kernel against OpenSSL's SM4 on random records, each with its own master key,
// in batches of awkward sizes (empty, single, around every vector and batch boundary).
#include <openssl/evp.h>

#include <array>
#include <catch2/catch.hpp>
#include <cstdint>
#include <memory>
#include <random>
#include <vector>

#include "crypto/sm4_bulk.h"
#include "crypto/sm4_kernels.h"

namespace {

using namespace cityclear::crypto;
using Block = std::array<uint8_t, 16>;

// TACs the slow, independent way: OpenSSL's SM4-ECB, one block at a time, as crypto.md says.
class OpenSslTacOracle {
 public:
  OpenSslTacOracle() : context_(EVP_CIPHER_CTX_new(), EVP_CIPHER_CTX_free) {
    REQUIRE(context_ != nullptr);
  }

  uint32_t tac(const Block& master_key, const DiversificationFactor& factor,
               const TacInput& input) {
    Block block{};
    for (int i = 0; i < 8; ++i) {
      block[i] = factor[i];
      block[i + 8] = static_cast<uint8_t>(~factor[i]);
    }
    const Block card_key = encrypt(master_key, block);
    for (int i = 0; i < 16; ++i) block[i] = input[i];
    Block chained = encrypt(card_key, block);
    const uint8_t tail[16] = {input[16], input[17], input[18], input[19],
                              input[20], input[21], 0x80};
    for (int i = 0; i < 16; ++i) chained[i] ^= tail[i];
    const Block last = encrypt(card_key, chained);
    return (uint32_t{last[0]} << 24) | (uint32_t{last[1]} << 16) | (uint32_t{last[2]} << 8) |
           last[3];
  }

 private:
  Block encrypt(const Block& key, const Block& plaintext) {
    Block ciphertext{};
    int written = 0;
    REQUIRE(EVP_EncryptInit_ex(context_.get(), EVP_sm4_ecb(), nullptr, key.data(), nullptr) == 1);
    REQUIRE(EVP_CIPHER_CTX_set_padding(context_.get(), 0) == 1);
    REQUIRE(EVP_EncryptUpdate(context_.get(), ciphertext.data(), &written, plaintext.data(), 16) ==
            1);
    REQUIRE(written == 16);
    return ciphertext;
  }

  std::unique_ptr<EVP_CIPHER_CTX, void (*)(EVP_CIPHER_CTX*)> context_;
};

// One call's worth of records, in arrays of exactly `count` so sanitizers see any overrun.
struct RandomRecords {
  std::vector<Sm4MasterKey> prepared;
  std::vector<const Sm4MasterKey*> masters;
  std::vector<DiversificationFactor> factors;
  std::vector<TacInput> inputs;
  std::vector<uint32_t> expected;
};

RandomRecords random_records(size_t count, std::mt19937_64& random, OpenSslTacOracle& oracle) {
  RandomRecords records;
  records.prepared.reserve(count);
  auto random_byte = [&random] { return static_cast<uint8_t>(random()); };
  for (size_t i = 0; i < count; ++i) {
    Block master_key{};
    DiversificationFactor factor{};
    TacInput input{};
    for (auto& byte : master_key) byte = random_byte();
    for (auto& byte : factor) byte = random_byte();
    for (auto& byte : input) byte = random_byte();
    records.prepared.push_back(sm4_prepare_master_key(master_key.data()));
    records.factors.push_back(factor);
    records.inputs.push_back(input);
    records.expected.push_back(oracle.tac(master_key, factor, input));
  }
  for (const Sm4MasterKey& key : records.prepared) records.masters.push_back(&key);
  return records;
}

// Record counts per call: the edge cases around 8-record vectors and multi-vector batches, then
// random sizes until at least 200,000 records have been compared.
std::vector<size_t> call_sizes(std::mt19937_64& random) {
  std::vector<size_t> sizes = {0,  1,  2,  3,  4,  5,  7,   8,   9,   15,  16, 17,
                               23, 24, 25, 31, 32, 33, 39,  40,  41,  47,  48, 49,
                               63, 64, 65, 95, 96, 97, 255, 256, 257, 4099};
  size_t total = 0;
  for (size_t size : sizes) total += size;
  while (total < 200'000) {
    sizes.push_back(random() % 5000);
    total += sizes.back();
  }
  return sizes;
}

void check_kernel(const char* name, Sm4AesInstruction instruction, bool avx2,
                  const RandomRecords& records) {
  const size_t count = records.expected.size();
  constexpr uint32_t sentinel = 0xDEADBEEF;
  std::vector<uint32_t> tacs(count + 1, sentinel);
  if (avx2) {
    sm4_bulk_tacs_avx2(instruction, records.masters.data(), records.factors.data(),
                       records.inputs.data(), tacs.data(), count);
  } else {
    sm4_bulk_tacs_portable(records.masters.data(), records.factors.data(), records.inputs.data(),
                           tacs.data(), count);
  }
  INFO(name << ", count " << count);
  for (size_t i = 0; i < count; ++i) {
    INFO("record " << i);
    REQUIRE(tacs[i] == records.expected[i]);
  }
  REQUIRE(tacs[count] == sentinel);
}

}  // namespace

TEST_CASE("SM4 bulk kernels agree with OpenSSL on 200,000 random records", "[sm4][bulk]") {
  std::mt19937_64 random(20261122);
  OpenSslTacOracle oracle;
  const bool vaes = sm4_avx2_kernel_available(Sm4AesInstruction::vaes_256);
  const bool aesni = sm4_avx2_kernel_available(Sm4AesInstruction::aesni_128);
  if (!vaes) WARN("SKIP: no AVX2 + VAES on this CPU; the vaes_256 kernel is not tested");
  if (!aesni) WARN("SKIP: no AVX2 + AES-NI on this CPU; the aesni_128 kernel is not tested");
  size_t compared = 0;
  for (size_t count : call_sizes(random)) {
    const RandomRecords records = random_records(count, random, oracle);
    check_kernel("portable", Sm4AesInstruction::aesni_128, false, records);
    if (vaes) check_kernel("avx2 vaes_256", Sm4AesInstruction::vaes_256, true, records);
    if (aesni) check_kernel("avx2 aesni_128", Sm4AesInstruction::aesni_128, true, records);
    compared += count;
  }
  CHECK(compared >= 200'000);
}

TEST_CASE("SM4 bulk TACs do not depend on the path asked for", "[sm4][bulk]") {
  std::mt19937_64 random(7);
  OpenSslTacOracle oracle;
  const RandomRecords records = random_records(1000, random, oracle);
  for (const SimdPath path : {SimdPath::portable, SimdPath::avx2}) {
    INFO(simd_path_name(path));
    std::vector<uint32_t> tacs(records.expected.size());
    sm4_bulk_tacs(path, records.masters.data(), records.factors.data(), records.inputs.data(),
                  tacs.data(), tacs.size());
    CHECK(tacs == records.expected);
  }
}
