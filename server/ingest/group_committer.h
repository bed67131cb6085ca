#pragma once
// Group commit for small uploads: workers hand in decided files and wait; `commit_connections`
// committer threads, each with a connection of its own and its statements prepared once, take
// whatever has queued (up to group_max_files and group_max_records) and store it in one
// transaction (group_transaction.h). A quiet server commits each file alone at once; a busy one
// commits many files for the price of one commit. Every file is answered only after the commit
// that stored it is durable.
//
// Failures: a lost race (the same bytes or batch id stored meanwhile by another group or process)
// and a closed clearing day retry the group at once; transient failures (transient_failure.h)
// retry it with backoff, on a new connection if it broke; an in-doubt COMMIT is looked up before
// it is retried. When the retries are used up every file of the group gets the failure.
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include <pqxx/connection>

#include "ingest/open_day_cache.h"
#include "ingest/pending_file.h"
#include "store/retry_backoff.h"

namespace cityclear::ingest {

struct GroupCommitSettings {
  int connections = 2;
  int max_files = 64;
  int64_t max_records = 65536;
  store::RetrySettings retry;
};

class GroupCommitter {
 public:
  // `connect` opens a new connection (throws store::DatabaseUnavailable).
  using Connect = std::function<std::unique_ptr<pqxx::connection>()>;
  GroupCommitter(GroupCommitSettings settings, Connect connect, OpenDayCache& open_days);
  ~GroupCommitter();  // stops the threads once the queue is empty
  GroupCommitter(const GroupCommitter&) = delete;
  GroupCommitter& operator=(const GroupCommitter&) = delete;

  // Stores `file` with a group and returns its answer (blocks until the group's commit).
  GroupAnswer commit(PendingFile& file);

 private:
  struct Ticket;
  class Worker;
  std::vector<Ticket*> take_group();
  void run(int index);

  GroupCommitSettings settings_;
  Connect connect_;
  OpenDayCache& open_days_;
  std::mutex mutex_;
  std::condition_variable queued_;
  std::deque<Ticket*> queue_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace cityclear::ingest
