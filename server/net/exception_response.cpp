#include "net/exception_response.h"


#include "clearing/settlement_service.h"
#include "clearing/unconfigured_participants.h"
#include "ingest/batch_ingestor.h"
#include "net/error_response.h"
#include "net/structured_log.h"
#include "store/database_error.h"

namespace cityclear::net {

HttpResponse response_for_exception(std::exception_ptr error) {
  try {
    std::rethrow_exception(error);
  } catch (const ingest::UploadForbidden& forbidden) {
    return error_response(403, "forbidden", forbidden.what());
  } catch (const store::DatabaseUnavailable& unavailable) {
    log_event(spdlog::level::warn, "database_unavailable", {{"detail", unavailable.what()}});
    return error_response(503, "database_unavailable", "the database cannot be reached; try again later");
  } catch (const store::PoolExhausted& exhausted) {
    log_event(spdlog::level::warn, "database_pool_exhausted", {{"detail", exhausted.what()}});
    return error_response(503, "busy", "every database connection is busy; try again later");
  } catch (const clearing::DayBeingSettled& busy) {
    return error_response(409, "being_settled", busy.what());
  } catch (const clearing::UnconfiguredParticipants& unconfigured) {
    // The day stays closed; it settles once the participants file lists every code.
    return error_response(409, "unconfigured_participants", unconfigured.what());
  } catch (const clearing::SettlementMismatch& mismatch) {
    log_event(spdlog::level::err, "settlement_mismatch", {{"detail", mismatch.what()}});
    return error_response(500, "settlement_mismatch", mismatch.what());
  } catch (const std::exception& unexpected) {
    log_event(spdlog::level::err, "request_failed", {{"detail", unexpected.what()}});
    return error_response(500, "internal_error", "the request failed inside the server; the log has the cause");
  } catch (...) {
    log_event(spdlog::level::err, "request_failed", {{"detail", "an exception of unknown type"}});
    return error_response(500, "internal_error", "the request failed inside the server; the log has the cause");
  }
}

}  // namespace cityclear::net
