#include "loadtest/load_options.h"

#include <functional>
#include <map>
#include <stdexcept>

namespace cityclear::load {
namespace {

int parse_count(const std::string& name, const std::string& text, int minimum) {
  size_t used = 0;
  int value = 0;
  try {
    value = std::stoi(text, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used != text.size() || value < minimum) {
    throw std::invalid_argument(name + " wants a whole number >= " + std::to_string(minimum) +
                                ", not " + text);
  }
  return value;
}

using Setter = std::function<void(LoadOptions&, const std::string&)>;

std::map<std::string, Setter> option_setters() {
  return {
      {"--day", [](LoadOptions& o, const std::string& v) { o.plan.day_dir = v; }},
      {"--http",
       [](LoadOptions& o, const std::string& v) { o.run.http = o.plan.http = parse_endpoint(v); }},
      {"--tcp", [](LoadOptions& o, const std::string& v) { o.run.tcp = parse_endpoint(v); }},
      {"--clients", [](LoadOptions& o,
                       const std::string& v) { o.run.clients = parse_count("--clients", v, 1); }},
      {"--gzip-every",
       [](LoadOptions& o, const std::string& v) {
         o.plan.gzip_every = parse_count("--gzip-every", v, 0);
       }},
      {"--tcp-every",
       [](LoadOptions& o, const std::string& v) {
         o.plan.tcp_every = parse_count("--tcp-every", v, 0);
       }},
      {"--outcomes", [](LoadOptions& o, const std::string& v) { o.outcomes_path = v; }},
      {"--summary-json", [](LoadOptions& o, const std::string& v) { o.summary_json_path = v; }},
      {"--large-file", [](LoadOptions& o, const std::string& v) { o.large_file = v; }},
      {"--timeout-ms",
       [](LoadOptions& o, const std::string& v) {
         o.run.timeout_ms = parse_count("--timeout-ms", v, 1);
       }},
      {"--deadline-s",
       [](LoadOptions& o, const std::string& v) {
         o.run.deadline_s = parse_count("--deadline-s", v, 1);
       }},
      {"--max-attempts",
       [](LoadOptions& o, const std::string& v) {
         o.run.retry.max_attempts = parse_count("--max-attempts", v, 1);
       }},
  };
}

}  // namespace

LoadOptions parse_load_options(const std::vector<std::string>& arguments) {
  LoadOptions options;
  auto setters = option_setters();
  for (size_t i = 0; i < arguments.size(); ++i) {
    if (arguments[i] == "--help" || arguments[i] == "-h") {
      options.help = true;
      return options;
    }
    auto setter = setters.find(arguments[i]);
    if (setter == setters.end())
      throw std::invalid_argument("unknown option " + arguments[i] + " (see --help)");
    if (i + 1 >= arguments.size()) throw std::invalid_argument(arguments[i] + " wants a value");
    setter->second(options, arguments[++i]);
  }
  if (options.plan.day_dir.empty()) throw std::invalid_argument("--day DIR is required");
  if (options.run.http.port == 0 || options.run.tcp.port == 0) {
    throw std::invalid_argument("--http HOST:PORT and --tcp HOST:PORT are required");
  }
  if (options.outcomes_path.empty())
    options.outcomes_path = options.plan.day_dir + "/load-outcomes.jsonl";
  return options;
}

const char* load_usage_text() {
  return R"(cityclear-load: many acquirers at once against `cityclear serve` (issue 12)

usage: cityclear-load --day DIR --http HOST:PORT --tcp HOST:PORT [options]

Reads a cityclear-gen day (expected.json's upload_order, tokens.json, the TB1 files) into memory,
gzips every k-th body, then N clients upload the files concurrently over kept-alive connections:
POST /v1/batches with the acquirer's token, every k-th file over the framed TCP listener (and every
file whose acquirer has no token). Files that repeat an earlier record (03) or reuse an earlier batch
id (F04) start a new wave: everything before them is answered first, so the generator's expectation
holds. HTTP 503, a TCP "busy"/"try again" answer and a dropped connection are retried with a bounded
backoff and counted; any other unexpected answer (500, a status that does not fit the outcome) is
an error. Prints files/s, records/s, latency p50/p99/max, outcomes, retries and errors.

options:
  --day DIR             the generated day (cityclear-gen --out DIR)
  --http HOST:PORT      the daemon's HTTP listener (IPv4, loopback)
  --tcp HOST:PORT       the daemon's TCP upload listener
  --clients N           concurrent clients, each with its own connections (default 16)
  --gzip-every K        every K-th file of the order goes gzip-compressed over HTTP (default 3; 0 never)
  --tcp-every K         every K-th file goes over TCP (default 5; 0 never)
  --outcomes FILE       every acknowledged outcome, one JSON line each (default DIR/load-outcomes.jsonl)
  --summary-json FILE   the summary as one JSON object (files_per_s, p99_ms, errors, ...)
  --large-file PATH     one large TB1 file uploaded over HTTP by one extra client while the small files
                        run (its token from DIR/tokens.json); the small files' latency during it is
                        reported apart
  --timeout-ms N        per send or receive before the connection counts as stalled (default 60000)
  --deadline-s N        no upload starts after N s; the files left count as errors (default 900)
  --max-attempts N      attempts per file, retries included (default 30)

exit status: 0 every file acknowledged, 1 errors, 2 usage.
)";
}

}  // namespace cityclear::load
