#pragma once
// Runs the real `cityclear` binary ($CITYCLEAR_BINARY_DIR/server/app/cityclear) as operators do.
#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <sys/types.h>
#include <vector>

#include <nlohmann/json.hpp>

namespace cityclear::testing {

struct CommandResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Environment changes: a value sets the variable, nullopt removes it.
using EnvironmentChanges = std::map<std::string, std::optional<std::string>>;

CommandResult run_cityclear(const std::vector<std::string>& arguments,
                            const std::string& standard_input = "",
                            const EnvironmentChanges& environment = {});

std::vector<std::string> lines_of(const std::string& text);

// A configuration in a scratch folder over the samples (keys copied 0600, participants), with
// `database_url` and `overrides` merged in; no database is needed to write it.
std::filesystem::path write_app_config(const std::string& scratch_name,
                                       const std::string& database_url,
                                       const nlohmann::json& overrides = nlohmann::json::object());

// A URL of a database that cannot be reached (no server on that socket).
std::string unreachable_database_url();

// `cityclear serve` in the background, its standard error readable line by line.
class BackgroundCityclear {
 public:
  BackgroundCityclear(const std::vector<std::string>& arguments,
                      const EnvironmentChanges& environment = {});
  ~BackgroundCityclear();  // SIGKILL if still running
  // The first standard-error line containing `text`, waiting at most timeout_ms.
  std::optional<std::string> wait_for_line(const std::string& text, int timeout_ms);
  void send_signal(int signal_number);
  // The exit code, or nullopt when it did not exit in time.
  std::optional<int> wait_for_exit(int timeout_ms);

 private:
  pid_t pid_ = -1;
  int stderr_pipe_ = -1;
  std::string pending_;
  bool exited_ = false;
};

}  // namespace cityclear::testing
