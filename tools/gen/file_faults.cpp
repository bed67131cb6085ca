#include "gen/file_faults.h"

#include <map>

#include "common/sha256.h"

#include "gen/malformed_variants.h"
#include "gen/tb1_format.h"
#include "gen/tb1_writer.h"

namespace cityclear::gen {
namespace {

struct FaultContext {
  const GenOptions& options;
  const Scheme& scheme;
  const DayPlan& plan;
  const DayLimits& limits;
  DayGenerator& day;
  Rng rng;
  std::map<uint32_t, uint64_t> next_sequence;  // per acquirer code: 90000001, ...
};

struct FileSpec {
  std::string name;
  std::string batch_id;
  uint32_t acquirer = 0;
  size_t terminal_owner = 0;  // whose terminals the records use
  int64_t created = 0;
  int64_t records = 0;
  FileKey key{};
  bool flip_mac = false;
};

// A valid purchase at one of the terminal owner's terminals; no card or terminal moves.
Tb1Record detached_record(FaultContext& context, size_t terminal_owner, int64_t local_time,
                          uint32_t sequence) {
  PurchaseDraft draft =
      context.day.factory().natural_purchase(context.rng, terminal_owner, local_time);
  auto tac = tac_over_fields(draft.record, context.day.keys(), context.day.oracle());
  draft.record.tac = tac.value_or(0);
  draft.record.sequence = sequence;
  return draft.record;
}

int64_t detached_time(const FileSpec& spec, int64_t index) {
  return spec.created - 60 - (spec.records - index) * 7 % 36000;
}

std::string fault_batch_id(FaultContext& context, const std::string& letters, uint32_t acquirer) {
  uint64_t& sequence = context.next_sequence[acquirer];
  if (sequence == 0) sequence = 90000001;
  return make_batch_id(letters, context.options.date_text(), sequence++, context.rng);
}

FileExpectation rejected(const FileSpec& spec, const std::string& reason,
                         const std::string& detail) {
  FileExpectation expectation =
      file_expectation(spec.name, spec.batch_id, spec.acquirer, spec.created);
  expectation.accepted = false;
  expectation.reason = reason;
  expectation.detail = detail;
  expectation.records = spec.records;
  return expectation;
}

// Streams a well-formed file (the MAC flipped in one hex digit when asked).
void write_valid_file(FaultContext& context, const FileSpec& spec, FileExpectation& expectation) {
  Tb1Writer writer(context.options.out_dir / spec.name, spec.key);
  writer.write_body(tb1_header_line(spec.batch_id, spec.acquirer, spec.created,
                                    static_cast<uint64_t>(spec.records)));
  uint64_t total = 0;
  for (int64_t i = 0; i < spec.records; ++i) {
    Tb1Record record = detached_record(context, spec.terminal_owner, detached_time(spec, i),
                                       static_cast<uint32_t>(i + 1));
    total += record.amount;
    writer.write_detail(record);
  }
  std::string mac = writer.finish_body_mac();
  if (spec.flip_mac) mac[0] = mac[0] == '0' ? '1' : '0';
  writer.write_after_body(tb1_trailer_line(static_cast<uint64_t>(spec.records), total, mac));
  writer.close();
  expectation.total_amount = static_cast<int64_t>(total);
  expectation.sha256 = writer.file_sha256_hex();
  expectation.bytes = static_cast<int64_t>(writer.bytes_written());
}

FileSpec spec_for(FaultContext& context, size_t participant, const std::string& suffix,
                  int64_t records) {
  const SchemeParticipant& owner = context.scheme.participants[participant];
  FileSpec spec;
  spec.acquirer = owner.code;
  spec.terminal_owner = participant;
  spec.batch_id = fault_batch_id(context, owner.letters, owner.code);
  spec.name = tb1_file_name(owner.code, spec.batch_id, suffix);
  spec.created = context.plan.day_start + context.rng.between(8 * 3600, 23 * 3600);
  spec.records = records;
  spec.key = owner.file_key;
  return spec;
}

size_t random_position(FaultContext& context) {
  return static_cast<size_t>(context.rng.below(context.plan.files.size() + 1));
}

FaultFile malformed_file(FaultContext& context, size_t index) {
  const MalformedVariant& variant = malformed_variants()[index % malformed_variants().size()];
  FileSpec spec = spec_for(context, index % context.scheme.participants.size(), "_F01",
                           5 + context.rng.between(0, 5));
  MalformedFile file;
  file.lines.push_back(tb1_header_line(spec.batch_id, spec.acquirer, spec.created,
                                       static_cast<uint64_t>(spec.records)));
  for (int64_t i = 0; i < spec.records; ++i) {
    Tb1Record record = detached_record(context, spec.terminal_owner, detached_time(spec, i),
                                       static_cast<uint32_t>(i + 1));
    file.trailer_total += record.amount;
    file.lines.push_back(tb1_detail_line(record));
  }
  file.trailer_count = static_cast<uint64_t>(spec.records);
  variant.apply(file);
  std::string body;
  for (const std::string& line : file.lines) body += line;
  std::string bytes;
  if (!file.empty) {
    bytes = body;
    if (file.has_trailer)
      bytes +=
          tb1_trailer_line(file.trailer_count, file.trailer_total, file_mac_hex(spec.key, body));
    bytes += file.after_trailer;
  }
  write_whole_file(context.options.out_dir / spec.name, bytes);
  FileExpectation expectation = rejected(spec, "F01", variant.detail);
  expectation.rule = variant.rule;
  expectation.records = file.empty ? 0 : spec.records;
  expectation.total_amount = file.empty ? 0 : static_cast<int64_t>(file.trailer_total);
  expectation.sha256 = sha256_hex(bytes);
  expectation.bytes = static_cast<int64_t>(bytes.size());
  return {expectation, random_position(context)};
}

FaultFile bad_mac_file(FaultContext& context, size_t index) {
  size_t participants = context.scheme.participants.size();
  FileSpec spec = spec_for(context, index % participants, "_F02", 5 + context.rng.between(0, 20));
  std::string detail = "the trailer's MAC differs from the file's in one hex digit";
  if (index % 2 == 1) {
    // MACed with another acquirer's key (or a made-up key when there is no other).
    if (participants > 1)
      spec.key = context.scheme.participants[(index + 1) % participants].file_key;
    else
      context.rng.fill(spec.key.data(), spec.key.size());
    detail = "the file is MACed with another key than the acquirer's";
  } else {
    spec.flip_mac = true;
  }
  FileExpectation expectation = rejected(spec, "F02", detail);
  write_valid_file(context, spec, expectation);
  return {expectation, random_position(context)};
}

FaultFile unknown_acquirer_file(FaultContext& context, size_t index) {
  FileSpec spec = spec_for(context, index % context.scheme.participants.size(), "_F03",
                           5 + context.rng.between(0, 20));
  spec.acquirer = context.scheme.unknown_acquirer;
  spec.batch_id = fault_batch_id(context, "XX", spec.acquirer);
  spec.name = tb1_file_name(spec.acquirer, spec.batch_id, "_F03");
  context.rng.fill(spec.key.data(), spec.key.size());
  FileExpectation expectation =
      rejected(spec, "F03", "acquirer " + std::to_string(spec.acquirer) + " has no file key");
  write_valid_file(context, spec, expectation);
  return {expectation, random_position(context)};
}

// Reuses the batch id of an accepted file, after it in the upload order, with other bytes.
FaultFile reused_batch_file(FaultContext& context, size_t index) {
  size_t good_files = context.plan.files.size();
  size_t original = static_cast<size_t>(context.rng.below(good_files));
  const PlannedFile& planned = context.plan.files[original];
  FileSpec spec;
  spec.acquirer = planned.acquirer;
  spec.terminal_owner = planned.acquirer_index;
  spec.batch_id = planned.batch_id;
  spec.name =
      tb1_file_name(planned.acquirer, planned.batch_id, "_F04_" + std::to_string(index + 1));
  spec.created = planned.created;
  spec.records = 3 + context.rng.between(0, 5);
  spec.key = context.scheme.participants[planned.acquirer_index].file_key;
  FileExpectation expectation = rejected(spec, "F04",
                                         "batch id " + planned.batch_id + " was accepted before (" +
                                             planned.name + ") with other bytes");
  write_valid_file(context, spec, expectation);
  return {expectation, static_cast<size_t>(context.rng.between(static_cast<int64_t>(original) + 1,
                                                               static_cast<int64_t>(good_files)))};
}

FaultFile oversized_file(FaultContext& context, size_t index) {
  FileSpec spec = spec_for(context, index % context.scheme.participants.size(), "_F05",
                           context.limits.max_records_per_file + 1);
  FileExpectation expectation =
      rejected(spec, "F05",
               std::to_string(spec.records) + " records, over max_records_per_file " +
                   std::to_string(context.limits.max_records_per_file));
  write_valid_file(context, spec, expectation);
  return {expectation, random_position(context)};
}

}  // namespace

std::vector<FaultFile> write_file_faults(const GenOptions& options, const Scheme& scheme,
                                         const DayPlan& plan, const DayLimits& limits,
                                         DayGenerator& day) {
  FaultContext context{
      options, scheme, plan, limits, day, Rng(derive_seed(options.seed, "file-faults")), {}};
  using Maker = FaultFile (*)(FaultContext&, size_t);
  static constexpr Maker makers[file_fault_count] = {
      malformed_file, bad_mac_file, unknown_acquirer_file, reused_batch_file, oversized_file};
  std::vector<FaultFile> files;
  for (size_t kind = 0; kind < file_fault_count; ++kind) {
    for (uint32_t i = 0; i < options.file_faults[kind]; ++i)
      files.push_back(makers[kind](context, i));
  }
  return files;
}

}  // namespace cityclear::gen
