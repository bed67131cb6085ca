#include "run_cityclear.h"

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

#include <catch2/catch.hpp>

#include "support/tb1_builder.h"
#include "support/test_paths.h"

extern char** environ;

namespace cityclear::testing {
namespace {

std::string binary_path() {
  const char* binary_dir = std::getenv("CITYCLEAR_BINARY_DIR");
  REQUIRE(binary_dir != nullptr);
  return std::string(binary_dir) + "/server/app/cityclear";
}

std::vector<std::string> environment_with(const EnvironmentChanges& changes) {
  std::vector<std::string> entries;
  for (char** entry = environ; *entry != nullptr; ++entry) {
    std::string text = *entry;
    if (!changes.contains(text.substr(0, text.find('=')))) entries.push_back(text);
  }
  for (const auto& [name, value] : changes) {
    if (value) entries.push_back(name + "=" + *value);
  }
  return entries;
}

std::vector<char*> pointers_to(std::vector<std::string>& strings) {
  std::vector<char*> pointers;
  for (auto& text : strings) pointers.push_back(text.data());
  pointers.push_back(nullptr);
  return pointers;
}

pid_t spawn(const std::vector<std::string>& arguments, const EnvironmentChanges& environment,
            posix_spawn_file_actions_t& actions) {
  std::vector<std::string> argv{binary_path()};
  argv.insert(argv.end(), arguments.begin(), arguments.end());
  std::vector<std::string> envp = environment_with(environment);
  auto argv_pointers = pointers_to(argv);
  auto envp_pointers = pointers_to(envp);
  pid_t pid = -1;
  REQUIRE(posix_spawn(&pid, argv[0].c_str(), &actions, nullptr, argv_pointers.data(),
                      envp_pointers.data()) == 0);
  return pid;
}

std::string read_all(std::FILE* file) {
  std::rewind(file);
  std::string text;
  char chunk[65536];
  size_t read;
  while ((read = std::fread(chunk, 1, sizeof chunk, file)) > 0) text.append(chunk, read);
  return text;
}

int exit_code_of(int status) {
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

}  // namespace

CommandResult run_cityclear(const std::vector<std::string>& arguments,
                            const std::string& standard_input,
                            const EnvironmentChanges& environment) {
  std::FILE* input = std::tmpfile();
  std::FILE* output = std::tmpfile();
  std::FILE* errors = std::tmpfile();
  std::fwrite(standard_input.data(), 1, standard_input.size(), input);
  std::fflush(input);
  std::rewind(input);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, fileno(input), 0);
  posix_spawn_file_actions_adddup2(&actions, fileno(output), 1);
  posix_spawn_file_actions_adddup2(&actions, fileno(errors), 2);
  pid_t pid = spawn(arguments, environment, actions);
  posix_spawn_file_actions_destroy(&actions);
  int status = 0;
  REQUIRE(waitpid(pid, &status, 0) == pid);
  CommandResult result{exit_code_of(status), read_all(output), read_all(errors)};
  std::fclose(input);
  std::fclose(output);
  std::fclose(errors);
  return result;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

std::filesystem::path write_app_config(const std::string& scratch_name,
                                       const std::string& database_url,
                                       const nlohmann::json& overrides) {
  std::filesystem::path folder =
      std::filesystem::path(private_copy_of_sample_keys(scratch_name)).parent_path();
  std::filesystem::copy_file(samples_dir() / "participants.json", folder / "participants.json",
                             std::filesystem::copy_options::overwrite_existing);
  nlohmann::json config = {{"database", {{"url", database_url}, {"connect_timeout_ms", 1000}}},
                           {"keys_file", "keys.json"},
                           {"participants_file", "participants.json"},
                           {"output_dir", "out"},
                           {"spool_dir", "spool"},
                           {"http", {{"listen", "127.0.0.1:0"}}},
                           {"tcp", {{"listen", "127.0.0.1:0"}}}};
  config.merge_patch(overrides);
  std::filesystem::path file = folder / "cityclear.json";
  write_text_file(file.string(), config.dump(2));
  return file;
}

std::string unreachable_database_url() {
  return "postgresql://postgres@/cityclear?host=" + scratch_dir("no-database").string() + "&port=1";
}

BackgroundCityclear::BackgroundCityclear(const std::vector<std::string>& arguments,
                                         const EnvironmentChanges& environment) {
  int pipe_ends[2];
  REQUIRE(::pipe2(pipe_ends, O_CLOEXEC) == 0);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, pipe_ends[1], 2);
  pid_ = spawn(arguments, environment, actions);
  posix_spawn_file_actions_destroy(&actions);
  ::close(pipe_ends[1]);
  stderr_pipe_ = pipe_ends[0];
}

BackgroundCityclear::~BackgroundCityclear() {
  if (!exited_ && pid_ > 0) {
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
  }
  if (stderr_pipe_ >= 0) ::close(stderr_pipe_);
}

std::optional<std::string> BackgroundCityclear::wait_for_line(const std::string& text,
                                                              int timeout_ms) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  while (true) {
    size_t end;
    while ((end = pending_.find('\n')) != std::string::npos) {
      std::string line = pending_.substr(0, end);
      pending_.erase(0, end + 1);
      if (line.find(text) != std::string::npos) return line;
    }
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return std::nullopt;
    pollfd entry{stderr_pipe_, POLLIN, 0};
    if (::poll(&entry, 1, static_cast<int>(left.count())) <= 0) return std::nullopt;
    char chunk[4096];
    ssize_t got = ::read(stderr_pipe_, chunk, sizeof chunk);
    if (got <= 0) return std::nullopt;
    pending_.append(chunk, static_cast<size_t>(got));
  }
}

void BackgroundCityclear::send_signal(int signal_number) {
  ::kill(pid_, signal_number);
}

std::optional<int> BackgroundCityclear::wait_for_exit(int timeout_ms) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  while (std::chrono::steady_clock::now() < deadline) {
    int status = 0;
    pid_t done = ::waitpid(pid_, &status, WNOHANG);
    if (done == pid_) {
      exited_ = true;
      return exit_code_of(status);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return std::nullopt;
}

}  // namespace cityclear::testing
