#include "loadtest/load_report.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <stdexcept>
#include <string_view>

#include <nlohmann/json.hpp>

namespace cityclear::load {
namespace {

using nlohmann::json;

LatencySummary summarize_latencies(std::vector<int64_t> micros) {
  LatencySummary summary;
  summary.count = micros.size();
  if (micros.empty()) return summary;
  std::sort(micros.begin(), micros.end());
  auto rank = [&](double share) {
    size_t index = static_cast<size_t>(std::ceil(share * static_cast<double>(micros.size())));
    return static_cast<double>(micros[std::clamp<size_t>(index, 1, micros.size()) - 1]) / 1000.0;
  };
  summary.p50_ms = rank(0.50);
  summary.p99_ms = rank(0.99);
  summary.max_ms = static_cast<double>(micros.back()) / 1000.0;
  return summary;
}

// The HTTP status an outcome must come with (interfaces.md).
int status_for_outcome(const json& outcome) {
  if (outcome.value("status", "") == "accepted") return 200;
  return outcome.value("reason", json()) == "F04" ? 409 : 422;
}

// Empty when the answer is a batch outcome that fits its HTTP status, else why not.
std::string misfit_of(const Upload& upload, const UploadResult& result, json& outcome) {
  outcome = json::parse(result.answer.body, nullptr, false);
  if (!outcome.is_object() || !outcome.contains("status") || !outcome.contains("sha256")) {
    return "not a batch outcome: " + result.answer.body.substr(0, 200);
  }
  if (upload.transport != Transport::tcp &&
      status_for_outcome(outcome) != result.answer.http_status) {
    return "HTTP " + std::to_string(result.answer.http_status) + " with outcome " +
           result.answer.body.substr(0, 200);
  }
  return {};
}

std::string outcome_key(const json& outcome) {
  std::string status = outcome.value("status", "?");
  return outcome["reason"].is_string() ? status + " " + outcome["reason"].get<std::string>()
                                       : status;
}

std::string transport_key(const Upload& upload, const UploadResult& result) {
  if (upload.transport == Transport::tcp) return "tcp";
  return std::string(transport_name(upload.transport)) + " " +
         std::to_string(result.answer.http_status);
}

void note_error(LoadSummary& summary, const Upload& upload, UploadResult& result,
                const std::string& why) {
  result.acknowledged = false;
  result.error = why;
  ++summary.errors;
  summary.error_lines.push_back(upload.name + " (" + transport_name(upload.transport) +
                                "): " + why);
}

void tally_one(LoadSummary& summary, const Upload& upload, UploadResult& result) {
  for (int cause = 0; cause < retry_cause_count; ++cause)
    summary.retries_by_cause[cause] += result.retries_by_cause[cause];
  if (!result.done) return note_error(summary, upload, result, "not uploaded before the deadline");
  if (!result.acknowledged) return note_error(summary, upload, result, result.error);
  json outcome;
  std::string misfit = misfit_of(upload, result, outcome);
  if (!misfit.empty()) return note_error(summary, upload, result, misfit);
  ++summary.acknowledged;
  ++summary.outcomes[outcome_key(outcome)];
  ++summary.by_transport[transport_key(upload, result)];
  if (outcome.value("status", "") == "accepted")
    summary.records += outcome.value("records", int64_t{0});
}

// An answer body as one JSON line (the HTTP answers end with a newline of their own).
std::string_view one_line(const std::string& body) {
  std::string_view line(body);
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.remove_suffix(1);
  return line;
}

bool overlaps(const UploadResult& small, const UploadResult& large) {
  return small.start_us < large.start_us + large.latency_us &&
         small.start_us + small.latency_us > large.start_us;
}

// The large file counts as an error when it fails, but not in the small files' figures.
void tally_large(LoadSummary& summary, const Upload& upload, UploadResult& result) {
  if (!result.acknowledged) return note_error(summary, upload, result, result.error);
  json outcome;
  std::string misfit = misfit_of(upload, result, outcome);
  if (!misfit.empty()) return note_error(summary, upload, result, misfit);
  summary.large_outcome = outcome_key(outcome);
}

}  // namespace

LoadSummary summarize(const UploadPlan& plan, RunResults& results, const Upload* large_upload,
                      int clients) {
  LoadSummary summary;
  summary.clients = clients;
  summary.files = plan.uploads.size();
  summary.waves = plan.waves.size();
  std::vector<int64_t> all_us;
  std::vector<int64_t> beside_us;
  for (size_t i = 0; i < plan.uploads.size(); ++i) {
    UploadResult& result = results.small[i];
    tally_one(summary, plan.uploads[i], result);
    if (!result.acknowledged) continue;
    all_us.push_back(result.latency_us);
    if (results.large && overlaps(result, *results.large)) beside_us.push_back(result.latency_us);
  }
  if (large_upload && results.large) tally_large(summary, *large_upload, *results.large);
  summary.latency = summarize_latencies(std::move(all_us));
  summary.latency_beside_large = summarize_latencies(std::move(beside_us));
  summary.elapsed_s =
      static_cast<double>(results.small_last_end_us - results.small_first_start_us) / 1e6;
  if (summary.elapsed_s > 0) {
    summary.files_per_s = static_cast<double>(summary.acknowledged) / summary.elapsed_s;
    summary.records_per_s = static_cast<double>(summary.records) / summary.elapsed_s;
  }
  return summary;
}

void write_outcomes(const RunResults& results, const std::string& path) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) throw std::runtime_error("cannot write " + path);
  for (const UploadResult& result : results.small) {
    if (result.acknowledged) out << one_line(result.answer.body) << '\n';
  }
  if (results.large && results.large->acknowledged)
    out << one_line(results.large->answer.body) << '\n';
}

void write_summary_json(const LoadSummary& summary, const std::string& path) {
  int64_t retries = 0;
  for (int64_t count : summary.retries_by_cause) retries += count;
  json document = {{"clients", summary.clients},
                   {"files", summary.files},
                   {"acknowledged", summary.acknowledged},
                   {"errors", summary.errors},
                   {"retries", retries},
                   {"elapsed_s", summary.elapsed_s},
                   {"files_per_s", summary.files_per_s},
                   {"records_per_s", summary.records_per_s},
                   {"p50_ms", summary.latency.p50_ms},
                   {"p99_ms", summary.latency.p99_ms},
                   {"max_ms", summary.latency.max_ms},
                   {"outcomes", summary.outcomes}};
  std::ofstream out(path, std::ios::trunc);
  if (!out) throw std::runtime_error("cannot write " + path);
  out << document.dump() << '\n';
}

}  // namespace cityclear::load
