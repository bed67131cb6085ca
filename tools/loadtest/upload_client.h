#pragma once
// One load client: a kept-alive HTTP connection and a kept-open TCP connection, and the upload of
// one file with its retries. A retryable answer (HTTP 503; a TCP error object saying busy,
// database_unavailable or "try again"; a dropped connection) is sent again after a bounded,
// jittered backoff and counted apart; anything else unexpected is an error and ends the upload.
#include <chrono>
#include <cstdint>
#include <random>
#include <string>

#include "loadtest/http_connection.h"
#include "loadtest/tcp_connection.h"
#include "loadtest/upload_plan.h"

namespace cityclear::load {

struct RetryPolicy {
  int max_attempts = 30;
  int first_backoff_ms = 5;
  int max_backoff_ms = 500;
};

// Why an attempt was retried.
enum class RetryCause { http_503 = 0, tcp_retryable = 1, dropped = 2 };
inline constexpr int retry_cause_count = 3;

struct UploadResult {
  bool done = false;  // the upload was attempted (false: the run's deadline came first)
  bool acknowledged =
      false;             // an answer of the contract's shape arrived (200/409/422 or a TCP outcome)
  int64_t start_us = 0;  // from the run's start
  int64_t latency_us = 0;  // first send to the final answer, retries and backoff included
  int retries_by_cause[retry_cause_count] = {};
  Answer answer;      // the last answer
  std::string error;  // why it is an error, when it is one
};

class UploadClient {
 public:
  UploadClient(const Endpoint& http, const Endpoint& tcp, int timeout_ms, RetryPolicy policy,
               uint64_t seed)
      : http_(http, timeout_ms), tcp_(tcp, timeout_ms), policy_(policy), random_(seed) {}
  void upload(const Upload& upload, std::chrono::steady_clock::time_point run_start,
              UploadResult& result);

 private:
  void back_off(int attempt);
  HttpConnection http_;
  TcpConnection tcp_;
  RetryPolicy policy_;
  std::minstd_rand random_;
};

}  // namespace cityclear::load
