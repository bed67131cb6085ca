#include "gen/clearing_ledger.h"

#include <algorithm>
#include <cstdio>
#include <stdexcept>
#include <tuple>

namespace cityclear::gen {
namespace {

void write_entries(const std::filesystem::path& path, const std::vector<AcceptedEntry>& entries) {
  std::FILE* file = std::fopen(path.c_str(), "ab");
  if (file == nullptr) throw std::runtime_error("cannot open spill file " + path.string());
  size_t written = std::fwrite(entries.data(), sizeof(AcceptedEntry), entries.size(), file);
  bool closed = std::fclose(file) == 0;
  if (written != entries.size() || !closed)
    throw std::runtime_error("cannot write spill file " + path.string());
}

void read_entries(const std::filesystem::path& path, int64_t count,
                  std::vector<AcceptedEntry>& out) {
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (file == nullptr) throw std::runtime_error("cannot open spill file " + path.string());
  size_t old_size = out.size();
  out.resize(old_size + static_cast<size_t>(count));
  size_t read =
      std::fread(out.data() + old_size, sizeof(AcceptedEntry), static_cast<size_t>(count), file);
  std::fclose(file);
  if (read != static_cast<size_t>(count))
    throw std::runtime_error("short spill file " + path.string());
}

}  // namespace

ClearingLedger::ClearingLedger(const Scheme& scheme, std::filesystem::path spill_dir,
                               size_t memory_budget)
    : scheme_(scheme),
      size_(scheme.participants.size()),
      spill_dir_(std::move(spill_dir)),
      memory_budget_(std::max<size_t>(1, memory_budget)) {
  accepted_.resize(size_);
  spilled_.assign(size_, 0);
  rejected_.resize(size_);
  flows_.resize(size_ * size_);
  local_counts_.assign(size_, 0);
}

ClearingLedger::~ClearingLedger() {
  std::error_code ignored;
  std::filesystem::remove_all(spill_dir_, ignored);
}

uint32_t ClearingLedger::add_batch(const std::string& batch_id) {
  batch_ids_.push_back(batch_id);
  return static_cast<uint32_t>(batch_ids_.size() - 1);
}

int64_t ClearingLedger::fee_of(int64_t amount, size_t acquirer_index) const {
  return (amount * scheme_.participants[acquirer_index].fee_bps + 5000) / 10000;
}

void ClearingLedger::add_accepted(const Tb1Record& record, size_t acquirer_index,
                                  uint32_t batch_index) {
  size_t issuer_index = scheme_.index_of(record.issuer);
  AcceptedEntry entry{record.issuer,
                      record.asn.prefix,
                      record.asn.serial,
                      record.terminal,
                      record.local_time,
                      record.amount,
                      batch_index,
                      record.sequence,
                      record.terminal_serial,
                      static_cast<uint32_t>(acquirer_index),
                      record.counter,
                      record.transaction_type};
  accepted_[issuer_index].push_back(entry);
  if (issuer_index == acquirer_index) {
    local_counts_[issuer_index] += 1;
  } else {
    Flow& flow = flows_[acquirer_index * size_ + issuer_index];
    flow.count += 1;
    flow.amount += record.amount;
    flow.fees += fee_of(record.amount, acquirer_index);
  }
  if (++in_memory_ >= memory_budget_) spill_all();
}

void ClearingLedger::add_rejected(const Tb1Record& record, Reason reason, size_t acquirer_index,
                                  uint32_t batch_index) {
  rejected_[acquirer_index].push_back(RejectedEntry{batch_index, record.sequence, reason,
                                                    record.issuer, record.asn, record.counter,
                                                    record.amount, record.local_time});
}

std::filesystem::path ClearingLedger::spill_path(size_t issuer_index) const {
  return spill_dir_ / ("accepted_" + std::to_string(issuer_index) + ".bin");
}

void ClearingLedger::spill_all() {
  std::filesystem::create_directories(spill_dir_);
  for (size_t issuer = 0; issuer < size_; ++issuer) {
    if (accepted_[issuer].empty()) continue;
    write_entries(spill_path(issuer), accepted_[issuer]);
    spilled_[issuer] += static_cast<int64_t>(accepted_[issuer].size());
    accepted_[issuer] = {};
  }
  in_memory_ = 0;
}

int64_t ClearingLedger::clr_detail_count(size_t participant_index) const {
  int64_t count = local_counts_[participant_index];
  for (size_t other = 0; other < size_; ++other) {
    if (other == participant_index) continue;
    count += flow(participant_index, other).count + flow(other, participant_index).count;
  }
  return count;
}

Positions ClearingLedger::positions() const {
  Positions positions;
  for (size_t p = 0; p < size_; ++p) {
    Position position{scheme_.participants[p].code, 0, 0, 0, 0};
    for (size_t other = 0; other < size_; ++other) {
      if (other == p) continue;
      position.receivable += flow(p, other).amount;
      position.fees += flow(p, other).fees;
      position.payable += flow(other, p).amount;
    }
    position.net = position.receivable - position.payable - position.fees;
    positions.center_fees += position.fees;
    positions.participants.push_back(position);
  }
  return positions;
}

std::vector<AcceptedEntry> ClearingLedger::sorted_accepted(size_t issuer_index) {
  std::vector<AcceptedEntry> entries;
  entries.reserve(static_cast<size_t>(spilled_[issuer_index]) + accepted_[issuer_index].size());
  if (spilled_[issuer_index] > 0)
    read_entries(spill_path(issuer_index), spilled_[issuer_index], entries);
  entries.insert(entries.end(), accepted_[issuer_index].begin(), accepted_[issuer_index].end());
  std::sort(entries.begin(), entries.end(), [](const AcceptedEntry& a, const AcceptedEntry& b) {
    return std::tie(a.asn_prefix, a.asn_serial, a.counter) <
           std::tie(b.asn_prefix, b.asn_serial, b.counter);
  });
  return entries;
}

std::vector<RejectedEntry> ClearingLedger::sorted_rejected(size_t acquirer_index) const {
  std::vector<RejectedEntry> entries = rejected_[acquirer_index];
  std::sort(entries.begin(), entries.end(), [this](const RejectedEntry& a, const RejectedEntry& b) {
    const std::string& batch_a = batch_ids_[a.batch_index];
    const std::string& batch_b = batch_ids_[b.batch_index];
    return batch_a != batch_b ? batch_a < batch_b : a.sequence < b.sequence;
  });
  return entries;
}

}  // namespace cityclear::gen
