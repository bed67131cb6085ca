#include "support/sample_config.h"

#include <filesystem>

#include "support/tb1_builder.h"
#include "support/test_paths.h"

namespace cityclear::testing {

std::filesystem::path write_sample_config(const std::string& scratch_name,
                                          const nlohmann::json& overrides) {
  std::filesystem::path keys = private_copy_of_sample_keys(scratch_name);
  std::filesystem::path folder = keys.parent_path();
  std::filesystem::copy_file(samples_dir() / "participants.json", folder / "participants.json",
                             std::filesystem::copy_options::overwrite_existing);
  nlohmann::json config = {
      {"database", {{"url", test_database_url()}}},
      {"keys_file", "keys.json"},
      {"participants_file", "participants.json"},
      {"output_dir", "out"},
      {"spool_dir", "spool"},
      {"http", {{"listen", "127.0.0.1:0"}}},
      {"tcp", {{"listen", "127.0.0.1:0"}}},
  };
  config.merge_patch(overrides);
  std::filesystem::path file = folder / "cityclear.json";
  write_text_file(file.string(), config.dump(2));
  return file;
}

Config load_sample_config(const std::string& scratch_name, const nlohmann::json& overrides) {
  return load_config(write_sample_config(scratch_name, overrides));
}

std::string sample_token(const std::string& who) {
  auto expected = nlohmann::json::parse(read_text_file((samples_dir() / "expected.json").string()));
  return expected.at("tokens").at(who).get<std::string>();
}

nlohmann::json sample_counts_by_reason() {
  auto expected = nlohmann::json::parse(read_text_file((samples_dir() / "expected.json").string()));
  nlohmann::json counts = nlohmann::json::object();
  for (const auto& [sequence, reason] : expected.at("reasons_by_sequence").items()) {
    counts[reason.get<std::string>()] = counts.value(reason.get<std::string>(), 0) + 1;
  }
  return counts;
}

}  // namespace cityclear::testing
