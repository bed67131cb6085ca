#include "net/exception_response.h"

#include <optional>

#include "clearing/settlement_service.h"
#include "clearing/unconfigured_participants.h"
#include "ingest/batch_ingestor.h"
#include "net/error_response.h"
#include "net/structured_log.h"
#include "store/database_error.h"
#include "store/transient_failure.h"

namespace cityclear::net {
namespace {

// Database trouble that goes away by itself (transient_failure.h): 503, never 500.
std::optional<HttpResponse> retryable_database_response(const std::exception& error) {
  store::FailureKind kind = store::classify_failure(error);
  if (kind == store::FailureKind::permanent) return std::nullopt;
  std::string detail = store::failure_sentence(error);
  if (kind == store::FailureKind::transient) {
    log_event(spdlog::level::warn, "database_busy", {{"detail", detail}});
    return retryable_error_response("database_busy", "the database is busy; try again later");
  }
  log_event(spdlog::level::warn, "database_unavailable", {{"detail", detail}});
  return retryable_error_response("database_unavailable",
                                  "the database cannot be reached; try again later");
}

}  // namespace

HttpResponse response_for_exception(std::exception_ptr error) {
  try {
    std::rethrow_exception(error);
  } catch (const ingest::UploadForbidden& forbidden) {
    return error_response(403, "forbidden", forbidden.what());
  } catch (const store::PoolExhausted& exhausted) {
    log_event(spdlog::level::warn, "database_pool_exhausted", {{"detail", exhausted.what()}});
    return retryable_error_response("busy", "every database connection is busy; try again later");
  } catch (const clearing::DayBeingSettled& busy) {
    return error_response(409, "being_settled", busy.what());
  } catch (const clearing::UnconfiguredParticipants& unconfigured) {
    // The day stays closed; it settles once the participants file lists every code.
    return error_response(409, "unconfigured_participants", unconfigured.what());
  } catch (const clearing::SettlementMismatch& mismatch) {
    log_event(spdlog::level::err, "settlement_mismatch", {{"detail", mismatch.what()}});
    return error_response(500, "settlement_mismatch", mismatch.what());
  } catch (const std::exception& unexpected) {
    if (auto retryable = retryable_database_response(unexpected)) return *retryable;
    log_event(spdlog::level::err, "request_failed", {{"detail", unexpected.what()}});
    return error_response(500, "internal_error",
                          "the request failed inside the server; the log has the cause");
  } catch (...) {
    log_event(spdlog::level::err, "request_failed", {{"detail", "an exception of unknown type"}});
    return error_response(500, "internal_error",
                          "the request failed inside the server; the log has the cause");
  }
}

}  // namespace cityclear::net
