#include "gen/day_generator.h"

#include <algorithm>
#include <cmath>

#include "gen/tb1_format.h"
#include "gen/tb1_writer.h"

namespace cityclear::gen {
namespace {

// The most purchases any issuer's average card makes over the day (own city plus visitors).
int64_t expected_uses_per_card(const GenOptions& options, const DayPlan& plan) {
  size_t n = plan.records_per_acquirer.size();
  double most = 0;
  for (size_t issuer = 0; issuer < n; ++issuer) {
    double records = 0;
    for (size_t acquirer = 0; acquirer < n; ++acquirer) {
      double share =
          n == 1 ? 1.0
                 : (acquirer == issuer ? 1.0 - options.inter_city_share
                                       : options.inter_city_share / static_cast<double>(n - 1));
      records += share * static_cast<double>(plan.records_per_acquirer[acquirer]);
    }
    most = std::max(most, records);
  }
  return static_cast<int64_t>(
      std::ceil(most / static_cast<double>(options.effective_cards_per_issuer())));
}

std::vector<int64_t> terminals_per_acquirer(const DayPlan& plan) {
  std::vector<int64_t> counts;
  for (int64_t records : plan.records_per_acquirer)
    counts.push_back(std::clamp<int64_t>(records / 250, 4, 200000));
  return counts;
}

}  // namespace

DayGenerator::DayGenerator(const GenOptions& options, const Scheme& scheme, const DayPlan& plan,
                           const DayLimits& limits, const ActivityProfile& profile)
    : options_(options),
      scheme_(scheme),
      plan_(plan),
      limits_(limits),
      profile_(profile),
      keys_(KeyRing::of_scheme(scheme)),
      cards_(scheme, options.effective_cards_per_issuer(), options.seed,
             expected_uses_per_card(options, plan)),
      terminals_(scheme, terminals_per_acquirer(plan), options.seed),
      factory_(scheme, cards_, terminals_, options, plan.day_start),
      faults_(options, scheme, limits),
      ledger_(scheme, options.out_dir / ".cityclear-gen-spill", options.spill_budget_records),
      card_dtks_(scheme.participants.size() *
                 static_cast<size_t>(options.effective_cards_per_issuer())),
      card_dtk_known_(card_dtks_.size(), 0) {}

// The TAC over the record's fields with the key it names (nullopt: no such key). A purchase made
// with its card's own key reuses the card's diversified key; anything else diversifies afresh.
std::optional<uint32_t> DayGenerator::tac_of(const PurchaseDraft& draft) {
  const Tb1Record& record = draft.record;
  const MasterKey* key = keys_.find(record.issuer, record.key_version, record.algorithm);
  if (key == nullptr) return std::nullopt;
  bool card_key = false;
  if (draft.card_index >= 0) {
    const CardState& card = cards_.card(draft.issuer_index, draft.card_index);
    const IssuerKey& own = scheme_.participants[draft.issuer_index].keys[card.key_index];
    card_key = record.issuer == scheme_.participants[draft.issuer_index].code &&
               own.version == record.key_version &&
               static_cast<uint8_t>(own.algorithm) == record.algorithm;
  }
  Block8 factor = factor_of_digits(record.asn.last_16_digits());
  TacFields fields{record.amount, record.transaction_type, record.terminal, record.terminal_serial,
                   record.local_time};
  if (!card_key) return oracle_.tac(*key, factor, fields);
  size_t slot = draft.issuer_index * static_cast<size_t>(cards_.cards_per_issuer()) +
                static_cast<size_t>(draft.card_index);
  if (!card_dtk_known_[slot]) {
    card_dtks_[slot] = key->diversify(factor);
    card_dtk_known_[slot] = 1;
  }
  return oracle_.tac_with_dtk(key->algorithm(), card_dtks_[slot], tac_input_of(fields));
}

// Records follow the activity profile inside the file's window, in time order: record i sits at
// a random point of the i-th of n equal slices of the window's activity.
int64_t DayGenerator::time_of_record(const PlannedFile& file, int64_t index, Rng& rng) const {
  double start = profile_.cumulative(static_cast<double>(file.window_start - plan_.day_start));
  double end = profile_.cumulative(static_cast<double>(file.window_end - plan_.day_start));
  double share = start + (static_cast<double>(index) + rng.unit()) /
                             static_cast<double>(file.record_count) * (end - start);
  auto second = static_cast<int64_t>(profile_.second_at(share));
  return std::clamp(plan_.day_start + second, file.window_start, file.window_end - 1);
}

// A duplicate repeats an accepted record (3 in 4) or re-sends, corrected, one rejected earlier for
// a grey flag or a bad TAC (1 in 4; the spec accepts it: only accepted records count). With
// nothing to repeat yet, the record is a natural purchase.
PurchaseDraft DayGenerator::next_draft(Rng& rng, const PlannedFile& file, int64_t local_time,
                                       FaultChoice& faults) {
  if (faults.first == RecordFault::duplicate) {
    bool resend = !rejected_pool_.empty() && (accepted_pool_.empty() || rng.below(4) == 0);
    if (resend || !accepted_pool_.empty()) {
      PurchaseDraft draft;
      draft.record = resend ? rejected_pool_.take(rng) : accepted_pool_.pick(rng);
      draft.record.grey = false;
      draft.copy_of_accepted = !resend;
      draft.resent_rejected = resend;
      return draft;
    }
    faults.first.reset();
  }
  return factory_.natural_purchase(rng, file.acquirer_index, local_time);
}

// Applies the faults, puts the TAC (over the final fields, with the key the record names; random
// when there is no such key), and asks the oracle for the reason.
Reason DayGenerator::finish_record(PurchaseDraft& draft, const FaultChoice& faults, Rng& rng,
                                   int64_t created) {
  for (const auto& fault : {faults.first, faults.second}) {
    if (fault) faults_.apply_before_tac(*fault, draft, rng, created);
  }
  RecordFacts facts;
  facts.already_accepted = draft.copy_of_accepted;
  facts.tac_over_fields = tac_of(draft);
  draft.record.tac =
      facts.tac_over_fields ? *facts.tac_over_fields : static_cast<uint32_t>(rng.next());
  for (const auto& fault : {faults.first, faults.second}) {
    if (fault) faults_.apply_after_tac(*fault, draft, rng);
  }
  if (draft.fields_changed_after_tac) facts.tac_over_fields = tac_of(draft);
  return classify_record(draft.record, created, keys_, limits_, facts);
}

void DayGenerator::record_outcome(const PurchaseDraft& draft, Reason reason,
                                  const PlannedFile& file, uint32_t batch_index) {
  if (reason == Reason::accepted) {
    ledger_.add_accepted(draft.record, file.acquirer_index, batch_index);
    accepted_pool_.add(draft.record);
    return;
  }
  ledger_.add_rejected(draft.record, reason, file.acquirer_index, batch_index);
  bool correctable = reason == Reason::grey || reason == Reason::tac_mismatch;
  if (correctable && !draft.copy_of_accepted && !draft.resent_rejected)
    rejected_pool_.add(draft.record);
}

FileExpectation DayGenerator::write_file(const PlannedFile& file, size_t upload_index) {
  FileExpectation expectation =
      file_expectation(file.name, file.batch_id, file.acquirer, file.created);
  expectation.records = file.record_count;
  expectation.reasons.assign(static_cast<size_t>(2 * file.record_count), '0');
  uint32_t batch_index = ledger_.add_batch(file.batch_id);
  Rng rng(derive_seed(options_.seed, "records", upload_index));
  Tb1Writer writer(options_.out_dir / file.name,
                   scheme_.participants[file.acquirer_index].file_key);
  writer.write_body(tb1_header_line(file.batch_id, file.acquirer, file.created,
                                    static_cast<uint64_t>(file.record_count)));
  for (int64_t i = 0; i < file.record_count; ++i) {
    FaultChoice faults = faults_.draw(rng);
    PurchaseDraft draft = next_draft(rng, file, time_of_record(file, i, rng), faults);
    Reason reason = finish_record(draft, faults, rng, file.created);
    draft.record.sequence = static_cast<uint32_t>(i + 1);
    writer.write_detail(draft.record);
    expectation.total_amount += draft.record.amount;
    expectation.reasons[static_cast<size_t>(2 * i)] = reason_digit_high(reason);
    expectation.reasons[static_cast<size_t>(2 * i + 1)] = reason_digit_low(reason);
    expectation.by_reason[static_cast<size_t>(reason)] += 1;
    record_outcome(draft, reason, file, batch_index);
    factory_.commit(draft, file.acquirer_index);
  }
  std::string mac = writer.finish_body_mac();
  writer.write_after_body(tb1_trailer_line(static_cast<uint64_t>(file.record_count),
                                           static_cast<uint64_t>(expectation.total_amount), mac));
  writer.close();
  expectation.sha256 = writer.file_sha256_hex();
  expectation.bytes = static_cast<int64_t>(writer.bytes_written());
  return expectation;
}

}  // namespace cityclear::gen
