#pragma once
// A configuration over the sample data of tests/data/samples (keys copied with mode 0600,
// participants) and the test database, written to a scratch folder; `overrides` is merged into the
// JSON first.
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "config/config.h"

namespace cityclear::testing {

std::filesystem::path write_sample_config(const std::string& scratch_name,
                                          const nlohmann::json& overrides = {});
Config load_sample_config(const std::string& scratch_name, const nlohmann::json& overrides = {});
// The plain token of a participant ("31000001") or "operator", from the samples' expected.json.
std::string sample_token(const std::string& who);
// How many records of the sample TB1 file expected.json gives each reason: {"00": 4, "01": 1, ...}.
nlohmann::json sample_counts_by_reason();

}  // namespace cityclear::testing
