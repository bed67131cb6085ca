#include "common/metrics.h"

#include <cmath>
#include <sstream>

namespace cityclear {
namespace {
std::string escape_label_value(const std::string& value) {
  std::string escaped;
  for (char c : value) {
    if (c == '\\' || c == '"') escaped.push_back('\\');
    if (c == '\n') {
      escaped += "\\n";
      continue;
    }
    escaped.push_back(c);
  }
  return escaped;
}

std::string format_number(double value) {
  if (std::floor(value) == value && std::fabs(value) < 9e15)
    return std::to_string(static_cast<int64_t>(value));
  std::ostringstream out;
  out.precision(9);
  out << value;
  return out.str();
}
}  // namespace

std::string Metrics::render_labels(const MetricLabels& labels) {
  if (labels.empty()) return "";
  std::string text = "{";
  for (size_t i = 0; i < labels.size(); ++i) {
    if (i > 0) text += ",";
    text += labels[i].first + "=\"" + escape_label_value(labels[i].second) + "\"";
  }
  return text + "}";
}

void Metrics::describe(const std::string& name, const std::string& type, const std::string& help) {
  std::lock_guard lock(mutex_);
  auto& family = families_[name];
  family.type = type;
  family.help = help;
}

void Metrics::add(const std::string& name, const MetricLabels& labels, double amount) {
  std::lock_guard lock(mutex_);
  families_[name].values[render_labels(labels)] += amount;
}

void Metrics::set(const std::string& name, const MetricLabels& labels, double value) {
  std::lock_guard lock(mutex_);
  families_[name].values[render_labels(labels)] = value;
}

void Metrics::observe_seconds(const std::string& name, const MetricLabels& labels, double seconds) {
  std::lock_guard lock(mutex_);
  auto& family = families_[name];
  if (family.type.empty()) family.type = "summary";
  std::string rendered = render_labels(labels);
  family.values["_count" + rendered] += 1;
  family.values["_sum" + rendered] += seconds;
}

double Metrics::value(const std::string& name, const MetricLabels& labels) const {
  std::lock_guard lock(mutex_);
  auto family = families_.find(name);
  if (family == families_.end()) return 0;
  auto found = family->second.values.find(render_labels(labels));
  return found == family->second.values.end() ? 0 : found->second;
}

std::string Metrics::render_prometheus() const {
  std::lock_guard lock(mutex_);
  std::string text;
  for (const auto& [name, family] : families_) {
    if (!family.help.empty()) text += "# HELP " + name + " " + family.help + "\n";
    text += "# TYPE " + name + " " + (family.type.empty() ? "untyped" : family.type) + "\n";
    for (const auto& [labels, value] : family.values) {
      // Summary series are stored under "_count{..}" / "_sum{..}": the suffix joins the name.
      text += name + labels + " " + format_number(value) + "\n";
    }
  }
  return text;
}

Metrics& metrics() {
  static Metrics instance;
  return instance;
}

InFlight::InFlight(std::string name, MetricLabels labels)
    : name_(std::move(name)), labels_(std::move(labels)) {
  metrics().add(name_, labels_, 1);
}

InFlight::~InFlight() {
  metrics().add(name_, labels_, -1);
}

}  // namespace cityclear
