#include "loadtest/summary_table.h"

#include <cstdio>
#include <string>

namespace cityclear::load {
namespace {

constexpr size_t shown_error_lines = 10;

template <typename... Values>
void row(std::ostream& out, const char* label, const char* format, Values... values) {
  char text[256];
  std::snprintf(text, sizeof text, format, values...);
  char line[320];
  std::snprintf(line, sizeof line, "  %-22s %s\n", label, text);
  out << line;
}

std::string joined(const std::map<std::string, size_t>& counts) {
  std::string text;
  for (const auto& [key, count] : counts)
    text += (text.empty() ? "" : ", ") + key + " " + std::to_string(count);
  return text.empty() ? "-" : text;
}

void print_latency(std::ostream& out, const char* label, const LatencySummary& latency) {
  row(out, label, "p50 %.1f ms, p99 %.1f ms, max %.1f ms (%zu uploads)", latency.p50_ms,
      latency.p99_ms, latency.max_ms, latency.count);
}

void print_large(const LoadSummary& summary, const RunResults& results, const Upload& large,
                 std::ostream& out) {
  const UploadResult& result = *results.large;
  row(out, "large file beside", "%s, %zu bytes, %.2f s, %s", large.name.c_str(), large.file_bytes,
      static_cast<double>(result.latency_us) / 1e6,
      summary.large_outcome.empty() ? "ERROR" : summary.large_outcome.c_str());
  print_latency(out, "small during large", summary.latency_beside_large);
}

}  // namespace

void print_summary(const LoadSummary& summary, const RunResults& results,
                   const Upload* large_upload, std::ostream& out) {
  const int64_t* retries = summary.retries_by_cause;
  out << "load run\n";
  row(out, "clients", "%d (%zu files in %zu wave%s)", summary.clients, summary.files, summary.waves,
      summary.waves == 1 ? "" : "s");
  row(out, "elapsed", "%.2f s", summary.elapsed_s);
  row(out, "files/s", "%.1f", summary.files_per_s);
  row(out, "records/s", "%.0f", summary.records_per_s);
  print_latency(out, "latency", summary.latency);
  if (large_upload && results.large) print_large(summary, results, *large_upload, out);
  row(out, "outcomes", "%s", joined(summary.outcomes).c_str());
  row(out, "answers", "%s", joined(summary.by_transport).c_str());
  row(out, "retries", "%lld (HTTP 503 %lld, TCP retry answer %lld, dropped connection %lld)",
      static_cast<long long>(retries[0] + retries[1] + retries[2]),
      static_cast<long long>(retries[0]), static_cast<long long>(retries[1]),
      static_cast<long long>(retries[2]));
  row(out, "errors", "%zu", summary.errors);
  for (size_t i = 0; i < summary.error_lines.size() && i < shown_error_lines; ++i) {
    out << "  error: " << summary.error_lines[i] << "\n";
  }
  if (summary.error_lines.size() > shown_error_lines) {
    out << "  ... and " << summary.error_lines.size() - shown_error_lines << " more errors\n";
  }
}

}  // namespace cityclear::load
