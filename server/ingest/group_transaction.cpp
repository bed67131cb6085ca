#include "ingest/group_transaction.h"

#include <algorithm>
#include <chrono>
#include <map>
#include <set>
#include <string>

#include <pqxx/pqxx>

#include "common/check.h"
#include "common/hex.h"
#include "ingest/batch_statements.h"
#include "ingest/clearing_day_assignment.h"
#include "ingest/group_statements.h"
#include "ingest/outcome_builders.h"
#include "ingest/stored_outcome.h"
#include "store/array_literal.h"
#include "store/binary_copy.h"

namespace cityclear::ingest {
namespace {

namespace sql = group_statements;

// One row of sql::lookup, read by column name.
struct LookupRow {
  std::optional<int64_t> archived_raw_file_id;
  std::optional<int64_t> stored_batch_key;
  bool batch_id_accepted = false;
  std::optional<std::string> day_state;
  int64_t new_batch_key = 0;
  int64_t new_raw_file_id = 0;
  int64_t blacklist_version = 0;

  static LookupRow of(const pqxx::row& row) {
    LookupRow read;
    if (!row["archived_raw_file_id"].is_null())
      read.archived_raw_file_id = row["archived_raw_file_id"].as<int64_t>();
    if (!row["stored_batch_key"].is_null())
      read.stored_batch_key = row["stored_batch_key"].as<int64_t>();
    read.batch_id_accepted = row["batch_id_accepted"].as<bool>();
    if (!row["day_state"].is_null()) read.day_state = row["day_state"].as<std::string>();
    read.new_batch_key = row["new_batch_key"].as<int64_t>();
    read.new_raw_file_id = row["new_raw_file_id"].as<int64_t>();
    read.blacklist_version = row["blacklist_version"].as<int64_t>();
    return read;
  }
};

std::vector<LookupRow> look_up(pqxx::work& transaction, std::span<PendingFile* const> files) {
  store::ArrayLiteral sha256s, acquirers, batch_ids, days;
  for (const PendingFile* file : files) {
    sha256s.add(file->bytes->sha256_hex);
    if (file->rejected_whole()) {
      acquirers.add_null();
      batch_ids.add_null();
      days.add_null();
      continue;
    }
    const BatchHeader& header = file->examination->layout->header;
    acquirers.add(static_cast<int64_t>(header.acquirer_code));
    batch_ids.add(header.batch_id_text());
    days.add(sql_date(file->day));
  }
  pqxx::result rows = transaction.exec_prepared(sql::lookup_name, sha256s.text(), acquirers.text(),
                                                batch_ids.text(), days.text());
  CITYCLEAR_CHECK(rows.size() == files.size(), "the lookup answers one row a file");
  std::vector<LookupRow> lookup;
  lookup.reserve(rows.size());
  for (const auto& row : rows) lookup.push_back(LookupRow::of(row));
  return lookup;
}

// The fate of one file, given the database's answer and the earlier files of the group.
struct GroupState {
  std::map<std::string, size_t> member_by_sha256;
  std::set<std::pair<uint32_t, std::string>> accepted_batch_ids;
};

GroupMember plan_member(const PendingFile& file, const LookupRow& row, size_t index,
                        GroupState& state) {
  GroupMember member;
  member.batch_key = row.new_batch_key;
  member.raw_file_id = row.archived_raw_file_id.value_or(row.new_raw_file_id);
  member.archive_bytes = !row.archived_raw_file_id.has_value();
  auto earlier = state.member_by_sha256.find(file.bytes->sha256_hex);
  if (row.stored_batch_key) {
    member.fate = GroupFate::repeat_of_stored;
    member.batch_key = *row.stored_batch_key;
    return member;
  }
  if (earlier != state.member_by_sha256.end()) {
    member.fate = GroupFate::repeat_in_group;
    member.repeat_of = earlier->second;
    return member;
  }
  state.member_by_sha256.emplace(file.bytes->sha256_hex, index);
  member.fate = GroupFate::rejected;
  if (file.rejected_whole()) {
    member.rejection = file.examination->rejection;
    return member;
  }
  const BatchHeader& header = file.examination->layout->header;
  auto batch_id = std::make_pair(header.acquirer_code, std::string(header.batch_id_text()));
  if (row.batch_id_accepted || state.accepted_batch_ids.count(batch_id) > 0) {
    member.rejection = batch_id_reused(header);
    return member;
  }
  if (row.day_state != std::optional<std::string>("open")) {
    throw GroupDayClosed(file.wanted_day,
                         "clearing day " + format_date(file.day) + " is no longer open");
  }
  state.accepted_batch_ids.insert(batch_id);
  member.fate = GroupFate::accepted;
  member.reasons = file.decided_reasons;
  return member;
}

// A candidate key of an accepted member: the first in the group's order keeps it, a later one is
// 03.
struct GroupCandidate {
  CardKey key;
  uint32_t member;
  uint32_t sequence;
};

std::vector<GroupCandidate> keep_first_in_group(std::span<PendingFile* const> files,
                                                std::vector<GroupMember>& members) {
  std::vector<GroupCandidate> candidates;
  for (size_t index = 0; index < members.size(); ++index) {
    if (members[index].fate != GroupFate::accepted) continue;
    for (const ClaimCandidate& candidate : files[index]->candidates->sorted_by_key()) {
      candidates.push_back({candidate.key, static_cast<uint32_t>(index), candidate.sequence});
    }
  }
  std::stable_sort(candidates.begin(), candidates.end(),
                   [](const GroupCandidate& a, const GroupCandidate& b) { return a.key < b.key; });
  std::vector<GroupCandidate> winners;
  winners.reserve(candidates.size());
  for (const GroupCandidate& candidate : candidates) {
    if (!winners.empty() && winners.back().key == candidate.key) {
      Reason& reason = members[candidate.member].reasons.at(candidate.sequence - 1);
      CITYCLEAR_CHECK(reason == Reason::accepted,
                      "a key repeated across the group was a candidate");
      reason = Reason::duplicate;
      continue;
    }
    winners.push_back(candidate);
  }
  return winners;
}

// Claims the winners' keys; the ones accepted before (or by a concurrent group that committed) are
// 03.
void claim_keys(pqxx::work& transaction, const std::vector<GroupCandidate>& winners,
                std::vector<GroupMember>& members) {
  if (winners.empty()) return;
  store::ArrayLiteral keys, batch_keys, sequences;
  keys.reserve(winners.size(), 32);
  for (const GroupCandidate& winner : winners) {
    keys.add(to_hex(winner.key));
    batch_keys.add(members[winner.member].batch_key);
    sequences.add(static_cast<int64_t>(winner.sequence));
  }
  std::map<int64_t, size_t> member_by_batch_key;
  for (size_t index = 0; index < members.size(); ++index)
    member_by_batch_key[members[index].batch_key] = index;
  for (const auto& row : transaction.exec_prepared(sql::claims_name, keys.text(), batch_keys.text(),
                                                   sequences.text())) {
    GroupMember& member = members.at(member_by_batch_key.at(row["batch_key"].as<int64_t>()));
    Reason& reason = member.reasons.at(row["sequence"].as<size_t>() - 1);
    CITYCLEAR_CHECK(member.fate == GroupFate::accepted && reason == Reason::accepted,
                    "a losing key was a candidate");
    reason = Reason::duplicate;
  }
}

int64_t now_unix_microseconds() {
  return std::chrono::duration_cast<std::chrono::microseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

bool stores_bytes(const GroupMember& member) {
  return member.archive_bytes &&
         (member.fate == GroupFate::rejected || member.fate == GroupFate::accepted);
}

void write_raw_files(pqxx::work& transaction, std::span<PendingFile* const> files,
                     const std::vector<GroupMember>& members, int64_t received_at) {
  {
    store::BinaryCopyWriter rows(transaction, sql::copy_raw_files);
    for (size_t index = 0; index < members.size(); ++index) {
      if (!stores_bytes(members[index])) continue;
      const StoredBytes& file = *files[index]->bytes;
      std::array<uint8_t, 32> sha256{};
      CITYCLEAR_CHECK(parse_hex_into(file.sha256_hex, sha256), "a SHA-256 is 64 hex digits");
      rows.begin_row(sql::raw_file_column_count);
      rows.add_int64(members[index].raw_file_id);
      rows.add_bytes(sha256);
      rows.add_text("TB1");
      rows.add_int64(static_cast<int64_t>(file.bytes.size()));
      rows.add_int32(static_cast<int32_t>(raw_chunk_count(file.bytes.size())));
      rows.add_text(source_name(file.source));
      rows.add_instant(received_at);
      rows.add_local_timestamp(file.received_local_seconds);
    }
    rows.finish();
  }
  store::BinaryCopyWriter chunks(transaction, statements::copy_raw_chunks);
  for (size_t index = 0; index < members.size(); ++index) {
    if (stores_bytes(members[index]))
      write_raw_chunks(chunks, members[index].raw_file_id, *files[index]->bytes);
  }
  chunks.finish();
}

void write_records(pqxx::work& transaction, std::span<PendingFile* const> files,
                   const std::vector<GroupMember>& members) {
  store::BinaryCopyWriter records(transaction, statements::copy_records);
  uint64_t expected_rows = 0;
  for (size_t index = 0; index < members.size(); ++index) {
    if (members[index].fate != GroupFate::accepted) continue;
    const PendingFile& file = *files[index];
    RecordDestination destination{days_from_civil(file.day), members[index].batch_key,
                                  file.examination->layout->header.acquirer_code};
    file.pipeline->write_records(members[index].reasons, destination, records);
    expected_rows += members[index].reasons.size();
  }
  CITYCLEAR_CHECK(records.finish() == expected_rows, "every record of the group was written once");
}

void add_optional_text(store::BinaryCopyWriter& row, const std::optional<std::string>& text) {
  if (text)
    row.add_text(*text);
  else
    row.add_null();
}

// One batch row, from the member's outcome.
void write_batch_row(store::BinaryCopyWriter& rows, const PendingFile& file,
                     const GroupMember& member, int64_t received_at) {
  const BatchOutcome& outcome = *member.outcome;
  const std::optional<BatchHeader>& header = file.examination->header;
  rows.begin_row(sql::batch_column_count);
  rows.add_int64(member.batch_key);
  rows.add_int64(member.raw_file_id);
  if (outcome.acquirer_code)
    rows.add_int32(static_cast<int32_t>(*outcome.acquirer_code));
  else
    rows.add_null();
  add_optional_text(rows, outcome.batch_id);
  rows.add_text(outcome.accepted ? "accepted" : "rejected");
  add_optional_text(rows, outcome.reason);
  add_optional_text(rows, outcome.detail);
  if (outcome.clearing_date)
    rows.add_date(days_from_civil(*outcome.clearing_date));
  else
    rows.add_null();
  if (header)
    rows.add_local_timestamp(header->created_local_seconds);
  else
    rows.add_null();
  rows.add_int32(static_cast<int32_t>(outcome.records));
  rows.add_int64(outcome.accepted ? file.examination->layout->trailer.total_amount_fen : 0);
  rows.add_jsonb(counts_json(outcome.by_reason));
  rows.add_instant(received_at);
  rows.add_local_timestamp(file.bytes->received_local_seconds);
}

void write_batches(pqxx::work& transaction, std::span<PendingFile* const> files,
                   std::vector<GroupMember>& members, int64_t received_at) {
  store::BinaryCopyWriter rows(transaction, sql::copy_batches);
  for (size_t index = 0; index < members.size(); ++index) {
    GroupMember& member = members[index];
    const PendingFile& file = *files[index];
    if (member.fate == GroupFate::accepted) {
      member.outcome = accepted_outcome(file.bytes->sha256_hex, file.examination->layout->header,
                                        file.day, member.reasons);
    } else if (member.fate == GroupFate::rejected) {
      member.outcome =
          rejected_outcome(file.bytes->sha256_hex, file.examination->header, *member.rejection);
    } else {
      continue;
    }
    write_batch_row(rows, file, member, received_at);
  }
  rows.finish();
}

}  // namespace

std::vector<int64_t> GroupAttempt::new_batch_keys() const {
  std::vector<int64_t> keys;
  for (const GroupMember& member : members) {
    if (member.fate == GroupFate::accepted || member.fate == GroupFate::rejected)
      keys.push_back(member.batch_key);
  }
  return keys;
}

void prepare_group_statements(pqxx::connection& connection) {
  connection.prepare(sql::lookup_name, sql::lookup);
  connection.prepare(sql::claims_name, sql::claims);
}

GroupAttempt write_group(pqxx::work& transaction, std::span<PendingFile* const> files) {
  std::vector<LookupRow> lookup = look_up(transaction, files);
  GroupAttempt attempt;
  for (size_t index = 0; index < files.size(); ++index) {
    if (!files[index]->rejected_whole() &&
        files[index]->blacklist_version != lookup[index].blacklist_version) {
      attempt.decide_again = true;
      return attempt;
    }
  }
  GroupState state;
  for (size_t index = 0; index < files.size(); ++index) {
    attempt.members.push_back(plan_member(*files[index], lookup[index], index, state));
  }
  claim_keys(transaction, keep_first_in_group(files, attempt.members), attempt.members);
  int64_t received_at = now_unix_microseconds();
  write_raw_files(transaction, files, attempt.members, received_at);
  write_records(transaction, files, attempt.members);
  write_batches(transaction, files, attempt.members, received_at);
  return attempt;
}

void complete_repeat_outcomes(pqxx::connection& connection, GroupAttempt& attempt) {
  std::vector<int64_t> stored_keys;
  for (const GroupMember& member : attempt.members) {
    if (member.fate == GroupFate::repeat_of_stored) stored_keys.push_back(member.batch_key);
  }
  std::map<int64_t, BatchOutcome> stored;
  if (!stored_keys.empty()) {
    pqxx::read_transaction transaction(connection);
    stored = load_outcomes(transaction, stored_keys);
  }
  for (GroupMember& member : attempt.members) {
    if (member.fate == GroupFate::repeat_of_stored) member.outcome = stored.at(member.batch_key);
    if (member.fate == GroupFate::repeat_in_group)
      member.outcome = attempt.members.at(member.repeat_of).outcome;
    CITYCLEAR_CHECK(member.outcome.has_value(), "every member of a committed group has an outcome");
    if (member.fate == GroupFate::repeat_of_stored || member.fate == GroupFate::repeat_in_group)
      member.outcome->repeat = true;
  }
}

}  // namespace cityclear::ingest
