#pragma once
// The answer to an exception caught at the request boundary: typed errors of the components
// get their status (503 database down or busy, 403, 409, ...); anything else is logged in full
// and answered 500 with a sentence that leaks nothing.
#include <exception>

#include "net/http_message.h"

namespace cityclear::net {

HttpResponse response_for_exception(std::exception_ptr error);

}  // namespace cityclear::net
