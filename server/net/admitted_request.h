#pragma once
// A request that passed routing and access checks, with its body spooled to disk.
#include <memory>
#include <optional>

#include "config/participants.h"
#include "net/http_message.h"
#include "net/router.h"
#include "net/spool_file.h"

namespace cityclear::net {

struct AdmittedRequest {
  HttpRequestHead head;
  RouteMatch route;
  std::optional<Caller> caller;     // set for every route but the public ones
  std::shared_ptr<SpoolFile> body;  // the decoded body, for routes that take one
};

}  // namespace cityclear::net
