#include "app/guarded_run.h"

#include <iostream>

#include <spdlog/spdlog.h>

#include "app/exit_codes.h"
#include "app/usage_error.h"
#include "config/config_error.h"
#include "crypto/key_file.h"
#include "net/listen_error.h"
#include "store/database_error.h"

namespace cityclear::app {

void print_error_line(std::string_view command, std::string_view sentence) {
  std::string line(sentence);
  for (char& c : line) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  while (!line.empty() && line.back() == ' ') line.pop_back();
  spdlog::default_logger()->flush();
  std::cerr << "cityclear" << (command.empty() ? "" : " ") << command << ": " << line << std::endl;
}

int run_guarded(std::string_view command, const std::function<int()>& body) {
  try {
    return body();
  } catch (const UsageError& error) {
    std::string help =
        command.empty() ? "cityclear --help" : "cityclear " + std::string(command) + " --help";
    print_error_line(command, std::string(error.what()) + " (see " + help + ")");
    return exit_usage;
  } catch (const ConfigError& error) {
    print_error_line(command, std::string("configuration error: ") + error.what());
    return exit_usage;
  } catch (const crypto::KeyFileError& error) {
    print_error_line(command, error.what());  // its sentence already names the keys file
    return exit_usage;
  } catch (const net::ListenError& error) {
    print_error_line(command, error.what());
    return exit_usage;
  } catch (const store::DatabaseUnavailable& error) {
    print_error_line(command, error.what());
    return exit_database_unreachable;
  } catch (const std::exception& error) {
    print_error_line(command, error.what());
    return exit_failed;
  }
}

}  // namespace cityclear::app
