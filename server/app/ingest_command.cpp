// `cityclear ingest [--json] [--received YYYYMMDDhhmmss] FILE...`: TB1 files as if uploaded.
#include <iostream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "app/argument_parser.h"
#include "app/command_environment.h"
#include "app/exit_codes.h"
#include "app/guarded_run.h"
#include "app/progress_bar.h"
#include "app/subcommands.h"
#include "app/usage_error.h"
#include "common/mapped_file.h"
#include "ingest/batch_ingestor.h"

namespace cityclear::app {

const std::string_view ingest_help =
    "usage: cityclear ingest [--config FILE] [--json] [--received YYYYMMDDhhmmss] FILE...\n\n"
    "Ingests TB1 batch files as if their acquirers had uploaded them (the file MAC\n"
    "authenticates the acquirer) and prints one outcome per file, in order: a line for people,\n"
    "or with --json the batch outcome object of interfaces.md, one a line. A progress bar is\n"
    "drawn on standard error when it is a terminal.\n\n"
    "  --json                       print each outcome as one JSON object a line\n"
    "  --received YYYYMMDDhhmmss    the receipt time (local, China Standard Time) that fixes the\n"
    "                               clearing day; default: now\n\n"
    "Exit codes: 0 every file accepted (or a repeat of an accepted one); 3 a file was rejected\n"
    "or could not be read; 2 usage or configuration error; 4 the database could not be reached.\n";

namespace {

std::string describe_reasons(const std::map<std::string, int64_t>& by_reason) {
  std::string text;
  for (const auto& [reason, count] : by_reason)
    text += fmt::format("{}{}={}", text.empty() ? "" : " ", reason, count);
  return text.empty() ? "none" : text;
}

std::string outcome_line(const std::string& file, const ingest::BatchOutcome& outcome) {
  std::string batch = outcome.batch_id.value_or("-");
  std::string acquirer =
      outcome.acquirer_code ? format_institution_code(*outcome.acquirer_code) : "-";
  std::string repeat = outcome.repeat ? " (repeat upload)" : "";
  if (!outcome.accepted) {
    return fmt::format("{}: rejected {} batch {} acquirer {}: {}{}", file,
                       outcome.reason.value_or("-"), batch, acquirer, outcome.detail.value_or(""),
                       repeat);
  }
  std::string day = outcome.clearing_date ? format_date(*outcome.clearing_date) : "-";
  return fmt::format(
      "{}: accepted batch {} acquirer {} clearing day {}, {} records, by reason {}{}", file, batch,
      acquirer, day, outcome.records, describe_reasons(outcome.by_reason), repeat);
}

std::optional<int64_t> received_option(const ParsedArguments& arguments) {
  auto text = arguments.value("--received");
  if (!text) return std::nullopt;
  auto seconds = parse_local_timestamp(*text);
  if (!seconds)
    throw UsageError("--received must be a valid local time YYYYMMDDhhmmss, not \"" + *text + "\"");
  return seconds;
}

}  // namespace

int run_ingest(const CommandInput& input) {
  ParsedArguments arguments = parse_arguments(input.arguments, {{"--json"}, {"--received"}});
  if (arguments.positional.empty()) throw UsageError("ingest needs at least one FILE");
  std::optional<int64_t> received = received_option(arguments);
  bool json = arguments.has_flag("--json");
  Config config = load_command_config(input.config_file);
  std::unique_ptr<crypto::KeyProvider> keys = load_command_keys(config);
  std::unique_ptr<store::ConnectionPool> pool = make_connection_pool(config);
  require_migrated_database(*pool);
  ingest::BatchIngestor ingestor(config, *pool, *keys);
  ProgressBar progress("ingest");
  bool any_rejected = false;
  const auto& files = arguments.positional;
  for (size_t index = 0; index < files.size(); ++index) {
    progress.update(files[index], static_cast<int64_t>(index), static_cast<int64_t>(files.size()));
    std::optional<MappedFile> mapped;
    try {
      mapped.emplace(files[index]);
    } catch (const std::exception& error) {
      progress.clear();
      print_error_line("ingest", error.what());
      any_rejected = true;
      continue;
    }
    ingest::Upload upload;
    upload.bytes = mapped->bytes();
    upload.source = ingest::UploadSource::cli;
    upload.received_local_seconds = received;
    upload.release_before = [&mapped](size_t offset) { mapped->release_before(offset); };
    ingest::BatchOutcome outcome = ingestor.ingest(upload);
    any_rejected = any_rejected || !outcome.accepted;
    progress.clear();
    std::cout << (json ? ingest::to_json(outcome).dump() : outcome_line(files[index], outcome))
              << std::endl;
  }
  progress.update("done", static_cast<int64_t>(files.size()), static_cast<int64_t>(files.size()));
  return any_rejected ? exit_input_rejected : exit_ok;
}

}  // namespace cityclear::app
