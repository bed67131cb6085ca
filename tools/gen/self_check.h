#pragma once
// --self-check: the generator's crypto and record oracle against the spec's published data:
// shared/spec/vectors/des.json (DES, 3DES, SM4, a 3DES diversification and TAC), every case of
// shared/spec/vectors/tac.json (factor, DTK, TAC input, TAC), and the sample TB1 file in
// shared/samples (its trailer MAC with samples/keys.json, each detail line re-written byte for
// byte, and each record's reason against samples/expected.json).
#include <filesystem>
#include <iosfwd>

namespace cityclear::gen {

// Prints one line per check; returns 0 when all pass, 1 otherwise.
int run_self_check(const std::filesystem::path& shared_dir, std::ostream& out);

}  // namespace cityclear::gen
