#pragma once
// Process-wide metrics in Prometheus text exposition: counters and gauges with labels, and
// duration summaries (count and sum). Updated per batch or per request, never per record.
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace cityclear {

using MetricLabels = std::vector<std::pair<std::string, std::string>>;

class Metrics {
 public:
  // Declares a metric family once (help text and type "counter", "gauge" or "summary").
  void describe(const std::string& name, const std::string& type, const std::string& help);
  void add(const std::string& name, const MetricLabels& labels, double amount = 1);
  void set(const std::string& name, const MetricLabels& labels, double value);
  // A summary: <name>_count and <name>_sum (seconds).
  void observe_seconds(const std::string& name, const MetricLabels& labels, double seconds);
  std::string render_prometheus() const;
  double value(const std::string& name, const MetricLabels& labels) const;  // for tests

 private:
  struct Family {
    std::string type;
    std::string help;
    std::map<std::string, double> values;  // rendered label set -> value
  };
  static std::string render_labels(const MetricLabels& labels);
  mutable std::mutex mutex_;
  std::map<std::string, Family> families_;
};

// The process's metrics (families are described by the components that use them).
Metrics& metrics();

// Adds 1 to a gauge now and takes it away when the scope ends (in-flight work).
class InFlight {
 public:
  InFlight(std::string name, MetricLabels labels);
  ~InFlight();
  InFlight(const InFlight&) = delete;
  InFlight& operator=(const InFlight&) = delete;

 private:
  std::string name_;
  MetricLabels labels_;
};

}  // namespace cityclear
