#pragma once
// Which database failures are worth trying again (design-notes: transient is not only a broken
// connection). A caller retries a transient one with bounded backoff (retry_policy.h); a
// permanent one is a bug or bad input and is answered as such; an in-doubt commit must first be
// looked up (did it commit?) before it is retried.
#include <exception>
#include <string>
#include <string_view>

namespace cityclear::store {

enum class FailureKind {
  connection_lost,  // the connection is gone: discard it, reconnect, retry
  transient,        // the statement failed but may succeed again: retry (the connection is fine)
  in_doubt,         // a COMMIT whose outcome is unknown: look it up before retrying
  permanent,        // retrying gives the same answer
};

// PostgreSQL's SQLSTATE codes that a retry may cure: 08xxx connection exceptions, 40001
// serialization failure, 40P01 deadlock, 55P03 lock not available (lock_timeout), 57014 query
// canceled (statement_timeout), 57P01-57P03 admin/crash shutdown and cannot connect now,
// 53xxx insufficient resources (too many connections, out of memory, disk full).
bool is_transient_sqlstate(std::string_view sqlstate);

FailureKind classify_failure(const std::exception& error);
FailureKind classify_failure(std::exception_ptr error);

// One sentence for logs and answers: the exception's message without its trailing newlines.
std::string failure_sentence(const std::exception& error);

// What a caller gets once the retries of `error` (not permanent) are used up: a retryable error,
// DatabaseUnavailable for a lost connection or an in-doubt commit, TransientDatabaseError
// otherwise.
std::exception_ptr retries_used_up(const std::exception& error, FailureKind kind);

}  // namespace cityclear::store
