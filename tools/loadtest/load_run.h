#pragma once
// The timed phase: N client threads, each with its own connections, take the files of one wave at
// a time in upload order (a shared cursor); the next wave starts when every file of this one is
// answered. An optional extra client uploads one large file beside them. Results go into slots
// allocated before the start, so the timed phase allocates little beyond the answers' bodies.
#include <chrono>
#include <cstdint>
#include <optional>
#include <vector>

#include "loadtest/upload_client.h"
#include "loadtest/upload_plan.h"

namespace cityclear::load {

struct RunSettings {
  Endpoint http;
  Endpoint tcp;
  int clients = 16;
  int timeout_ms = 60000;  // per send or receive
  int deadline_s = 900;    // no new upload starts after this; the rest count as not uploaded
  RetryPolicy retry;
};

struct RunResults {
  std::vector<UploadResult> small;    // one per plan upload, same index
  std::optional<UploadResult> large;  // the large file beside, when there was one
  int64_t small_first_start_us = 0;
  int64_t small_last_end_us = 0;
};

RunResults run_load(const UploadPlan& plan, const Upload* large_upload,
                    const RunSettings& settings);

}  // namespace cityclear::load
