#include "ingest/group_committer.h"

#include <future>
#include <set>

#include <pqxx/pqxx>
#include <spdlog/spdlog.h>

#include "common/check.h"
#include "common/metrics.h"
#include "ingest/group_transaction.h"
#include "ingest/prepared_claims.h"
#include "store/database_error.h"
#include "store/transient_failure.h"

namespace cityclear::ingest {
namespace {

void describe_metrics() {
  static std::once_flag once;
  std::call_once(once, [] {
    metrics().describe("cityclear_ingest_groups_total", "counter",
                       "group commits of small TB1 uploads");
    metrics().describe("cityclear_ingest_group_files_total", "counter",
                       "small TB1 uploads stored by group commits");
    metrics().describe("cityclear_ingest_group_retries_total", "counter",
                       "group commits tried again, by cause (race, day_closed, transient, "
                       "connection_lost, in_doubt)");
  });
}

const char* cause_name(store::FailureKind kind) {
  switch (kind) {
    case store::FailureKind::connection_lost: return "connection_lost";
    case store::FailureKind::transient: return "transient";
    case store::FailureKind::in_doubt: return "in_doubt";
    case store::FailureKind::permanent: return "permanent";
  }
  return "permanent";
}

bool is_lock_timeout(const std::exception& error) {
  const auto* sql = dynamic_cast<const pqxx::sql_error*>(&error);
  return sql != nullptr && sql->sqlstate() == "55P03";
}

// A key held past lock_timeout may be held by claims whose owner died: resolve those before the
// next try (they are otherwise left for the daemon's timer).
void resolve_claims_in_the_way(pqxx::connection& connection) {
  try {
    int resolved = resolve_abandoned_claims(connection);
    if (resolved > 0)
      spdlog::warn("ingest: {} abandoned key claims resolved before a group's next try", resolved);
  } catch (const std::exception& error) {
    spdlog::info("ingest: abandoned key claims could not be resolved now: {}",
                 store::failure_sentence(error));
  }
}

bool is_unique_violation(const std::exception& error) {
  if (dynamic_cast<const pqxx::unique_violation*>(&error)) return true;
  const auto* copy = dynamic_cast<const store::CopyFailed*>(&error);
  return copy != nullptr && copy->unique_violation();
}

}  // namespace

struct GroupCommitter::Ticket {
  PendingFile* file;
  std::promise<GroupAnswer> answer;
};

// One committer thread's group: its tries, its connection, and the answers.
class GroupCommitter::Worker {
 public:
  Worker(GroupCommitter& owner, std::unique_ptr<pqxx::connection>& connection)
      : owner_(owner), connection_(connection) {}

  void store(const std::vector<Ticket*>& tickets);

 private:
  GroupAttempt try_once();
  bool recover(store::RetryBackoff& backoff);
  void answer(const std::vector<Ticket*>& tickets, GroupAttempt& attempt);
  void reconnect_if_needed();
  void count_retry(const char* cause) {
    metrics().add("cityclear_ingest_group_retries_total", {{"cause", cause}});
  }

  GroupCommitter& owner_;
  std::unique_ptr<pqxx::connection>& connection_;
  std::vector<PendingFile*> files_;
  std::set<int64_t> keys_in_doubt_;  // stored by an attempt whose COMMIT went unanswered
};

void GroupCommitter::Worker::reconnect_if_needed() {
  if (connection_ && connection_->is_open()) return;
  connection_ = owner_.connect_();
  prepare_group_statements(*connection_);
}

GroupAttempt GroupCommitter::Worker::try_once() {
  reconnect_if_needed();
  pqxx::work transaction(*connection_);
  GroupAttempt attempt = write_group(transaction, files_);
  if (attempt.decide_again) {
    transaction.abort();
    return attempt;
  }
  try {
    transaction.commit();
  } catch (const pqxx::in_doubt_error&) {
    // Committed or not: the next try's lookup finds the batches if it did (as stored repeats).
    for (int64_t key : attempt.new_batch_keys()) keys_in_doubt_.insert(key);
    throw;  // recover() drops the connection, once this transaction is gone
  }
  complete_repeat_outcomes(*connection_, attempt);
  return attempt;
}

// Called in a catch block: true to try the group again (after waiting where that helps).
bool GroupCommitter::Worker::recover(store::RetryBackoff& backoff) {
  try {
    throw;
  } catch (const GroupDayClosed& closed) {
    count_retry("day_closed");
    owner_.open_days_.forget(closed.wanted_day);
    reconnect_if_needed();
    for (PendingFile* file : files_) {
      if (!file->rejected_whole() &&
          days_from_civil(file->wanted_day) == days_from_civil(closed.wanted_day)) {
        file->day = owner_.open_days_.resolve(*connection_, file->wanted_day);
      }
    }
    return backoff.another_without_wait();
  } catch (const std::exception& error) {
    if (is_unique_violation(error)) {
      count_retry("race");
      return backoff.another_without_wait();
    }
    store::FailureKind kind = store::classify_failure(error);
    if (kind == store::FailureKind::permanent) return false;
    count_retry(cause_name(kind));
    if (kind != store::FailureKind::transient) connection_.reset();
    if (is_lock_timeout(error) && connection_) resolve_claims_in_the_way(*connection_);
    spdlog::info("ingest: a group of {} files is tried again ({}): {}", files_.size(),
                 cause_name(kind), store::failure_sentence(error));
    return backoff.wait_before_next();
  }
}

void GroupCommitter::Worker::answer(const std::vector<Ticket*>& tickets, GroupAttempt& attempt) {
  metrics().add("cityclear_ingest_groups_total", {});
  metrics().add("cityclear_ingest_group_files_total", {}, static_cast<double>(tickets.size()));
  for (size_t index = 0; index < tickets.size(); ++index) {
    GroupAnswer answer;
    if (attempt.decide_again) {
      answer.decide_again = true;
    } else {
      GroupMember& member = attempt.members.at(index);
      answer.outcome = std::move(member.outcome);
      // Stored by this group's own in-doubt COMMIT: the first answer, not a repeat.
      if (member.fate == GroupFate::repeat_of_stored &&
          keys_in_doubt_.count(member.batch_key) > 0) {
        answer.outcome->repeat = false;
      }
    }
    tickets[index]->answer.set_value(std::move(answer));
  }
}

void GroupCommitter::Worker::store(const std::vector<Ticket*>& tickets) {
  for (Ticket* ticket : tickets) files_.push_back(ticket->file);
  store::RetryBackoff backoff(owner_.settings_.retry);
  while (true) {
    try {
      GroupAttempt attempt = try_once();
      return answer(tickets, attempt);
    } catch (...) {
      std::exception_ptr failure = std::current_exception();
      bool again = false;
      try {
        again = recover(backoff);
      } catch (...) {
        failure = std::current_exception();  // recovering failed too (the database is down, say)
      }
      if (again) continue;
      std::exception_ptr answered = failure;
      try {
        std::rethrow_exception(failure);
      } catch (const std::exception& error) {
        store::FailureKind kind = store::classify_failure(error);
        if (kind != store::FailureKind::permanent) answered = store::retries_used_up(error, kind);
      } catch (...) {
      }
      for (Ticket* ticket : tickets)
        ticket->answer.set_value(GroupAnswer{std::nullopt, false, answered});
      return;
    }
  }
}

GroupCommitter::GroupCommitter(GroupCommitSettings settings, Connect connect,
                               OpenDayCache& open_days)
    : settings_(settings), connect_(std::move(connect)), open_days_(open_days) {
  CITYCLEAR_CHECK(settings_.connections >= 1 && settings_.max_files >= 1,
                  "a group committer has work to do");
  describe_metrics();
  for (int index = 0; index < settings_.connections; ++index)
    threads_.emplace_back([this, index] { run(index); });
}

GroupCommitter::~GroupCommitter() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  queued_.notify_all();
  for (auto& thread : threads_) thread.join();
}

GroupAnswer GroupCommitter::commit(PendingFile& file) {
  Ticket ticket{&file, {}};
  std::future<GroupAnswer> answer = ticket.answer.get_future();
  {
    std::lock_guard lock(mutex_);
    CITYCLEAR_CHECK(!stopping_, "no file is committed after the committer stopped");
    queue_.push_back(&ticket);
  }
  queued_.notify_one();
  return answer.get();
}

// Whatever has queued, in arrival order, within the group limits (at least one file).
std::vector<GroupCommitter::Ticket*> GroupCommitter::take_group() {
  std::unique_lock lock(mutex_);
  queued_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
  std::vector<Ticket*> group;
  int64_t records = 0;
  while (!queue_.empty() && static_cast<int>(group.size()) < settings_.max_files) {
    const PendingFile& next = *queue_.front()->file;
    int64_t next_records = static_cast<int64_t>(next.decided_reasons.size());
    if (!group.empty() && records + next_records > settings_.max_records) break;
    records += next_records;
    group.push_back(queue_.front());
    queue_.pop_front();
  }
  if (!queue_.empty()) queued_.notify_one();  // another committer may take the rest now
  return group;
}

void GroupCommitter::run(int index) {
  std::unique_ptr<pqxx::connection> connection;
  spdlog::debug("ingest: group committer {} started", index);
  while (true) {
    std::vector<Ticket*> group = take_group();
    if (group.empty()) return;  // stopping, and nothing left
    Worker(*this, connection).store(group);
  }
}

}  // namespace cityclear::ingest
