#include "loadtest/upload_client.h"

#include <algorithm>
#include <optional>
#include <thread>

#include <nlohmann/json.hpp>

namespace cityclear::load {
namespace {

using Clock = std::chrono::steady_clock;

enum class Verdict { acknowledged, retry, error };

int64_t micros_between(Clock::time_point from, Clock::time_point to) {
  return std::chrono::duration_cast<std::chrono::microseconds>(to - from).count();
}

const char* exchange_text(Exchange exchange) {
  switch (exchange) {
    case Exchange::answered: return "answered";
    case Exchange::dropped: return "connection dropped";
    case Exchange::timed_out: return "timed out";
    case Exchange::malformed: return "malformed answer";
  }
  return "?";
}

// A TCP answer is an outcome (it has "status") or an error object ({"error": ...}).
bool is_retryable_tcp_error(const std::string& body) {
  nlohmann::json answer = nlohmann::json::parse(body, nullptr, false);
  if (!answer.is_object() || !answer.contains("error")) return false;
  if (answer.value("retry", false) || answer.value("retryable", false)) return true;
  std::string code = answer["error"].is_string() ? answer["error"].get<std::string>() : "";
  std::string detail = answer.value("detail", "");
  return code == "busy" || code == "database_unavailable" ||
         code.find("retry") != std::string::npos || detail.find("try again") != std::string::npos;
}

Verdict judge_http(const Answer& answer, std::optional<RetryCause>& cause) {
  if (answer.http_status == 503) {
    cause = RetryCause::http_503;
    return Verdict::retry;
  }
  bool outcome_status =
      answer.http_status == 200 || answer.http_status == 409 || answer.http_status == 422;
  return outcome_status ? Verdict::acknowledged : Verdict::error;
}

Verdict judge_tcp(const Answer& answer, std::optional<RetryCause>& cause) {
  // Cheap first look: an outcome starts with its batch id, an error object with "error".
  if (answer.body.find("\"error\"") == std::string::npos) return Verdict::acknowledged;
  if (answer.body.find("\"status\"") != std::string::npos) return Verdict::acknowledged;
  if (!is_retryable_tcp_error(answer.body)) return Verdict::error;
  cause = RetryCause::tcp_retryable;
  return Verdict::retry;
}

std::string error_text(const Upload& upload, const Answer& answer) {
  std::string where = upload.transport == Transport::tcp
                          ? "TCP answer"
                          : "HTTP " + std::to_string(answer.http_status);
  std::string body = answer.body.substr(0, 200);
  while (!body.empty() && (body.back() == '\n' || body.back() == '\r')) body.pop_back();
  return where + " " + body;
}

}  // namespace

void UploadClient::back_off(int attempt) {
  int ceiling_ms =
      std::min(policy_.max_backoff_ms, policy_.first_backoff_ms << std::min(attempt, 16));
  std::uniform_int_distribution<int> jitter(ceiling_ms / 2, std::max(ceiling_ms, 1));
  std::this_thread::sleep_for(std::chrono::milliseconds(jitter(random_)));
}

void UploadClient::upload(const Upload& upload, Clock::time_point run_start, UploadResult& result) {
  Clock::time_point started = Clock::now();
  result.done = true;
  result.start_us = micros_between(run_start, started);
  for (int attempt = 0; attempt < policy_.max_attempts; ++attempt) {
    if (attempt > 0) back_off(attempt - 1);
    result.answer.body.clear();
    Exchange exchange = upload.transport == Transport::tcp
                            ? tcp_.send_frame(upload.body, result.answer)
                            : http_.post(upload.http_head, upload.body, result.answer);
    std::optional<RetryCause> cause;
    Verdict verdict = Verdict::error;
    if (exchange == Exchange::dropped) {
      cause = RetryCause::dropped;
      verdict = Verdict::retry;
    } else if (exchange == Exchange::answered) {
      verdict = upload.transport == Transport::tcp ? judge_tcp(result.answer, cause)
                                                   : judge_http(result.answer, cause);
    }
    result.latency_us = micros_between(started, Clock::now());
    if (verdict == Verdict::retry) {
      if (attempt + 1 < policy_.max_attempts) ++result.retries_by_cause[static_cast<int>(*cause)];
      continue;
    }
    result.acknowledged = verdict == Verdict::acknowledged;
    if (!result.acknowledged) {
      result.error = exchange == Exchange::answered ? error_text(upload, result.answer)
                                                    : exchange_text(exchange);
    }
    return;
  }
  result.error = "still retryable after " + std::to_string(policy_.max_attempts) +
                 " attempts (last: " +
                 (result.answer.body.empty() ? std::string("connection dropped")
                                             : error_text(upload, result.answer)) +
                 ")";
}

}  // namespace cityclear::load
