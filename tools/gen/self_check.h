#pragma once
// --self-check: the generator's crypto and record oracle against the spec's published data:
// vectors/des.json (DES, 3DES, SM4, a 3DES diversification and TAC), every case of
// vectors/tac.json (factor, DTK, TAC input, TAC), and the sample TB1 file in samples/ (its
// trailer MAC with samples/keys.json, each detail line re-written byte for byte, and each
// record's reason against samples/expected.json). The repository carries copies of both in
// tests/data (tests/data/README.md); the scheme publishes them as shared/spec/vectors and
// shared/samples.
#include <filesystem>
#include <iosfwd>

namespace cityclear::gen {

// Where the published data lies: the folder of des.json and tac.json, and the samples folder.
struct SelfCheckData {
  std::filesystem::path vectors_dir;
  std::filesystem::path samples_dir;
};

// The repository's layout: DIR/vectors and DIR/samples (tests/data).
SelfCheckData test_data_layout(const std::filesystem::path& data_dir);
// The scheme's shared/ folder: DIR/spec/vectors and DIR/samples.
SelfCheckData shared_folder_layout(const std::filesystem::path& shared_dir);

// Prints one line per check; returns 0 when all pass, 1 otherwise.
int run_self_check(const SelfCheckData& data, std::ostream& out);

}  // namespace cityclear::gen
