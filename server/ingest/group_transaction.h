#pragma once
// One transaction storing a group of small uploads together (application-level group commit):
// one lookup for every file (repeat, F04, the day FOR SHARE, new keys), the group's keys claimed
// in one statement, then one binary COPY each of raw files, raw chunks, records and batch rows.
// The group behaves as if its files had been uploaded one after another in the group's order:
// the same bytes twice is a repeat of the first, a batch id accepted earlier in the group is
// F04, and a key accepted earlier in the group is 03; the database decides against history and
// against concurrent groups. Nothing is committed here: the committer commits (group_committer.h).
#include <cstdint>
#include <optional>
#include <span>
#include <stdexcept>
#include <vector>

#include <pqxx/connection>
#include <pqxx/transaction>

#include "ingest/pending_file.h"

namespace cityclear::ingest {

// A file's clearing day was closed (or not yet created) when the group took it: the caller forgets
// the cached day, finds the open one and tries the group again.
class GroupDayClosed : public std::runtime_error {
 public:
  GroupDayClosed(CivilDate wanted_day, const std::string& sentence)
      : std::runtime_error(sentence), wanted_day(wanted_day) {}
  CivilDate wanted_day;
};

enum class GroupFate {
  repeat_of_stored,  // the same bytes were stored before: their outcome, as a repeat
  repeat_in_group,   // the same bytes as an earlier file of the group
  rejected,          // rejected whole (F01-F05, or F04 found here): raw bytes and batch row
  accepted,          // raw bytes, batch row, records, keys
};

struct GroupMember {
  GroupFate fate = GroupFate::rejected;
  int64_t batch_key = 0;    // the new batch's key; the stored batch's for repeat_of_stored
  int64_t raw_file_id = 0;  // new, or archived by an earlier attempt that stored no batch
  bool archive_bytes = false;
  size_t repeat_of = 0;  // repeat_in_group: the member index of the first upload
  std::optional<FileRejection> rejection;
  std::vector<Reason> reasons;
  std::optional<BatchOutcome> outcome;  // known before COMMIT except for repeats
};

struct GroupAttempt {
  std::vector<GroupMember> members;
  bool decide_again = false;  // a newer blacklist is published: nothing was written
  std::vector<int64_t> new_batch_keys() const;
};

// Prepares the group's statements on a connection (once per connection).
void prepare_group_statements(pqxx::connection& connection);

// Writes the group inside `transaction` (not committed). Throws GroupDayClosed, or a database
// error (a lost race on the same bytes or batch id is a unique violation: try the group again).
GroupAttempt write_group(pqxx::work& transaction, std::span<PendingFile* const> files);

// After COMMIT: the outcomes of repeats (loaded for repeat_of_stored, copied for repeat_in_group).
void complete_repeat_outcomes(pqxx::connection& connection, GroupAttempt& attempt);

}  // namespace cityclear::ingest
