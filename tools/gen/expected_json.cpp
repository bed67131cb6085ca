#include "gen/expected_json.h"

#include <nlohmann/json.hpp>

#include "gen/output_file.h"
#include "gen/tb1_format.h"

namespace cityclear::gen {
namespace {

using nlohmann::ordered_json;

ordered_json by_reason_json(const std::array<int64_t, 14>& counts) {
  ordered_json object = ordered_json::object();
  for (size_t reason = 0; reason < counts.size(); ++reason) {
    if (counts[reason] == 0) continue;
    std::string code = {static_cast<char>('0' + reason / 10), static_cast<char>('0' + reason % 10)};
    object[code] = counts[reason];
  }
  return object;
}

ordered_json file_json(const FileExpectation& file, const std::string& date) {
  ordered_json entry = {
      {"file", file.name},
      {"batch_id", file.batch_id},
      {"acquirer", code_text(file.acquirer)},
      {"created", format_local_timestamp(file.created)},
      {"status", file.accepted ? "accepted" : "rejected"},
      {"reason", file.accepted ? ordered_json(nullptr) : ordered_json(file.reason)}};
  if (!file.rule.empty()) entry["rule"] = file.rule;
  entry["detail"] = file.accepted ? ordered_json(nullptr) : ordered_json(file.detail);
  entry["clearing_date"] = file.accepted ? ordered_json(date) : ordered_json(nullptr);
  entry["sha256"] = file.sha256;
  entry["bytes"] = file.bytes;
  entry["records"] = file.records;
  entry["total_amount"] = file.total_amount;
  if (file.accepted) {
    entry["by_reason"] = by_reason_json(file.by_reason);
    entry["reasons"] = file.reasons;
  }
  return entry;
}

ordered_json totals_json(const std::vector<FileExpectation>& files) {
  std::array<int64_t, 14> by_reason{};
  int64_t accepted = 0;
  int64_t records = 0;
  ordered_json rejected_by_reason = ordered_json::object();
  for (const FileExpectation& file : files) {
    if (!file.accepted) {
      rejected_by_reason[file.reason] = rejected_by_reason.value(file.reason, 0) + 1;
      continue;
    }
    accepted += 1;
    records += file.records;
    for (size_t i = 0; i < by_reason.size(); ++i) by_reason[i] += file.by_reason[i];
  }
  return {{"files", files.size()},
          {"accepted_files", accepted},
          {"rejected_files", static_cast<int64_t>(files.size()) - accepted},
          {"rejected_files_by_reason", rejected_by_reason},
          {"records_in_accepted_files", records},
          {"by_reason", by_reason_json(by_reason)}};
}

ordered_json positions_json(const Positions& positions) {
  ordered_json participants = ordered_json::array();
  int64_t sum_of_nets = positions.center_fees;
  for (const Position& position : positions.participants) {
    participants.push_back({{"code", code_text(position.code)},
                            {"receivable", position.receivable},
                            {"payable", position.payable},
                            {"fees", position.fees},
                            {"net", position.net}});
    sum_of_nets += position.net;
  }
  return {{"center",
           {{"code", "00000000"},
            {"receivable", 0},
            {"payable", 0},
            {"fees", positions.center_fees},
            {"net", positions.center_fees}}},
          {"participants", participants},
          {"sum_of_nets", sum_of_nets}};
}

}  // namespace

void write_expected_json(const std::filesystem::path& path, const GenOptions& options,
                         const DayLimits& limits,
                         const std::vector<FileExpectation>& files_in_upload_order,
                         const Positions& positions,
                         const std::vector<std::string>& settlement_files) {
  std::string date = options.date_text();
  ordered_json generator = {{"name", "cityclear-gen"}, {"version", 1}};
  for (const auto& [key, value] : describe_options(options)) generator[key] = value;
  ordered_json upload_order = ordered_json::array();
  ordered_json files = ordered_json::array();
  for (const FileExpectation& file : files_in_upload_order) {
    upload_order.push_back(file.name);
    files.push_back(file_json(file, date));
  }
  ordered_json document = {
      {"generator", generator},
      {"date", date},
      {"limits",
       {{"max_single_purchase_fen", limits.max_single_purchase_fen},
        {"acceptance_window_days", limits.acceptance_window_days},
        {"future_tolerance_seconds", limits.future_tolerance_seconds},
        {"max_records_per_file", limits.max_records_per_file},
        {"max_file_bytes", limits.max_file_bytes},
        {"blacklist", "none published: reason 13 never applies"}}},
      {"upload_order", upload_order},
      {"files", files},
      {"totals", totals_json(files_in_upload_order)},
      {"positions", positions_json(positions)},
      {"settlement_files", {{"folder", "expected"}, {"files", settlement_files}}},
  };
  write_whole_file(path, document.dump(1) + "\n");
}

}  // namespace cityclear::gen
