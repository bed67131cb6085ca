#pragma once
// The newest published blacklist as ingest uses it (reason 13), loaded once and kept until a
// newer version is published: every group transaction reads the current version number (one
// column of its lookup), and a group decided with an older one is decided again.
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>

#include <pqxx/connection>

#include "ingest/blacklist_snapshot.h"

namespace cityclear::ingest {

struct BlacklistVersion {
  std::shared_ptr<const BlacklistSnapshot> snapshot;
  int64_t version = 0;  // 0: nothing published yet
};

class BlacklistCache {
 public:
  std::optional<BlacklistVersion> cached() const;
  // Loads the newest version (its number and entries in one snapshot) and keeps it.
  BlacklistVersion load(pqxx::connection& connection);
  // A version newer than the kept one was seen: the next use loads it.
  void forget_older_than(int64_t version);

 private:
  mutable std::mutex mutex_;
  std::optional<BlacklistVersion> current_;
};

}  // namespace cityclear::ingest
