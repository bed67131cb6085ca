#include "ingest/record_pipeline.h"

#include <algorithm>
#include <cstring>

#include "common/check.h"
#include "ingest/batch_statements.h"
#include "ingest/detail_checks.h"

namespace cityclear::ingest {
namespace {

BlacklistSnapshot::CardId card_id_of(const DetailRecord& record) {
  auto key = card_key_of(record);
  BlacklistSnapshot::CardId card{};
  std::memcpy(card.data(), key.data(), card.size());
  return card;
}

uint64_t big_endian_terminal(const std::array<uint8_t, 6>& terminal) {
  uint64_t value = 0;
  for (uint8_t byte : terminal) value = (value << 8) | byte;
  return value;
}

void write_record_row(store::BinaryCopyWriter& out, const DetailRecord& record, Reason reason,
                      const RecordDestination& destination) {
  out.begin_row(statements::record_column_count);
  out.add_date(destination.clearing_day_days);
  out.add_int64(destination.batch_key);
  out.add_int32(static_cast<int32_t>(record.sequence));
  out.add_int16(static_cast<int16_t>(reason));
  out.add_uuid(card_key_of(record));
  out.add_int32(static_cast<int32_t>(record.issuer_code));
  out.add_int32(static_cast<int32_t>(destination.acquirer_code));
  out.add_int16(record.transaction_type);
  out.add_int32(static_cast<int32_t>(record.card_counter));
  out.add_int64(record.balance_before_fen);
  out.add_int64(record.amount_fen);
  out.add_int64(static_cast<int64_t>(big_endian_terminal(record.terminal)));
  out.add_int64(record.terminal_serial);
  out.add_local_timestamp(record.transaction_local_seconds);
  out.add_int64(record.tac);
}

}  // namespace

RecordPipeline::RecordPipeline(const FileLayout& layout, const RecordRules& rules,
                               const crypto::KeyProvider& keys, const BlacklistSnapshot& blacklist,
                               int step_records, std::function<void(size_t)> release_before)
    : layout_(layout),
      rules_(rules),
      keys_(keys),
      blacklist_(blacklist),
      // A small file needs no more room than its records (the step's buffers are zeroed on
      // creation).
      step_records_(std::max<size_t>(
          1, std::min(static_cast<size_t>(step_records), layout.details.size() / detail_stride))),
      release_before_(std::move(release_before)),
      step_(step_records_) {
  tac_requests_.reserve(step_records_);
  tac_slots_.reserve(step_records_);
  verdicts_.reserve(step_records_);
}

const DetailRecord& RecordPipeline::parse(size_t index, size_t slot) {
  FieldProblem problem;
  auto record = parse_detail_line(detail_line(layout_.details, index), problem);
  CITYCLEAR_CHECK(record.has_value(), "a detail line that passed the F01 checks no longer parses");
  step_[slot] = *record;
  return step_[slot];
}

size_t RecordPipeline::record_count() const {
  return layout_.details.size() / detail_stride;
}

// Reasons 11 to 13 of one step; the records stay parsed in step_ for collect_candidates.
void RecordPipeline::decide_step(size_t first, size_t count, std::vector<Reason>& reasons) {
  tac_requests_.clear();
  tac_slots_.clear();
  for (size_t slot = 0; slot < count; ++slot) {
    const DetailRecord& record = parse(first + slot, slot);
    Reason reason = reason_before_tac(record, layout_.header.created_local_seconds, rules_, keys_);
    reasons[first + slot] = reason;
    if (reason == Reason::pending) {
      tac_requests_.push_back(tac_request_of(record));
      tac_slots_.push_back(slot);
    }
  }
  verdicts_.resize(tac_requests_.size());
  keys_.verify_tacs(tac_requests_, verdicts_);
  for (size_t i = 0; i < tac_slots_.size(); ++i) {
    size_t slot = tac_slots_[i];
    CITYCLEAR_CHECK(
        verdicts_[i] == crypto::TacVerdict::ok || verdicts_[i] == crypto::TacVerdict::mismatch,
        "a record with a known key got an unknown-key TAC verdict");
    Reason& reason = reasons[first + slot];
    if (verdicts_[i] == crypto::TacVerdict::mismatch) {
      reason = Reason::tac_mismatch;
    } else if (!blacklist_.empty() && blacklist_.in_force(card_id_of(step_[slot]),
                                                          step_[slot].transaction_local_seconds)) {
      reason = Reason::blacklisted;
    }
  }
}

// The survivors of one step become claim candidates, accepted unless a later check says otherwise.
void RecordPipeline::collect_candidates(size_t first, size_t count, std::vector<Reason>& reasons,
                                        ClaimCandidates& candidates) {
  for (size_t slot = 0; slot < count; ++slot) {
    Reason& reason = reasons[first + slot];
    if (reason != Reason::pending) continue;
    const DetailRecord& record = step_[slot];
    CITYCLEAR_CHECK(record.sequence == first + slot + 1,
                    "a checked file numbers its records from 1");
    candidates.add(card_key_of(record), record.sequence);
    reason = Reason::accepted;
  }
}

std::vector<Reason> RecordPipeline::decide(ClaimCandidates& candidates) {
  size_t total = record_count();
  std::vector<Reason> reasons(total, Reason::pending);
  for (size_t first = 0; first < total; first += step_records_) {
    size_t count = std::min(step_records_, total - first);
    decide_step(first, count, reasons);
    collect_candidates(first, count, reasons, candidates);
    if (release_before_) release_before_(header_line_length + 1 + first * detail_stride);
  }
  for (uint32_t sequence : candidates.keep_first_occurrences()) {
    CITYCLEAR_CHECK(reasons[sequence - 1] == Reason::accepted, "a repeated key was a candidate");
    reasons[sequence - 1] = Reason::duplicate;
  }
  return reasons;
}

void RecordPipeline::write_records(const std::vector<Reason>& reasons,
                                   const RecordDestination& destination,
                                   store::BinaryCopyWriter& records) {
  size_t total = record_count();
  CITYCLEAR_CHECK(reasons.size() == total, "one reason per record");
  size_t details_offset = header_line_length + 1;  // the details follow the header line and its LF
  for (size_t index = 0; index < total; ++index) {
    CITYCLEAR_CHECK(reasons[index] != Reason::pending,
                    "every record has its final reason before it is written");
    write_record_row(records, parse(index, 0), reasons[index], destination);
    if (release_before_ && index % step_records_ == 0)
      release_before_(details_offset + index * detail_stride);
  }
}

}  // namespace cityclear::ingest
