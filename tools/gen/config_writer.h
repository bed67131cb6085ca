#pragma once
// The scheme's files in the shapes of shared/spec/interfaces.md: keys.json (0600),
// participants.json, tokens.json (the plain tokens), and a cityclear.json that points at them.
#include <filesystem>

#include "gen/limits.h"
#include "gen/scheme.h"

namespace cityclear::gen {

void write_scheme_files(const std::filesystem::path& out_dir, const Scheme& scheme,
                        const DayLimits& limits);

}  // namespace cityclear::gen
