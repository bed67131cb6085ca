#include "net/error_response.h"
#include "net/handlers.h"

namespace cityclear::net {

HttpResponse handle_later_issue(const AdmittedRequest& request) {
  return error_response(
      501, "not_implemented",
      std::string(request.route.pattern) + " is not available in this version of cityclear");
}

}  // namespace cityclear::net
