#pragma once
// The endpoint handlers. Each turns an admitted request into an answer; typed errors of the
// components propagate to the dispatcher, which maps them (exception_response.h).
#include <filesystem>

#include "net/admitted_request.h"
#include "net/clearing_backend.h"
#include "net/http_message.h"

namespace cityclear::net {

// probe_handlers.cpp
HttpResponse handle_healthz();
HttpResponse handle_readyz(ClearingBackend& backend);
HttpResponse handle_metrics();

// batch_handlers.cpp
HttpResponse handle_upload_batch(const AdmittedRequest& request, ClearingBackend& backend);
HttpResponse handle_get_batch(const AdmittedRequest& request, ClearingBackend& backend);
// The answer to one spooled upload (HTTP or TCP), errors included: never throws.
HttpResponse answer_upload(ClearingBackend& backend, const std::filesystem::path& file,
                           const UploadOrigin& origin);

// settlement_handlers.cpp
HttpResponse handle_settle_day(const AdmittedRequest& request, ClearingBackend& backend);
HttpResponse handle_get_settlement(const AdmittedRequest& request, ClearingBackend& backend);
HttpResponse handle_get_file(const AdmittedRequest& request, ClearingBackend& backend,
                             const std::filesystem::path& spool_dir);

// later_issue_handlers.cpp: sync events, reconciliation, exceptions, blacklist (501 for now)
HttpResponse handle_later_issue(const AdmittedRequest& request);

}  // namespace cityclear::net
