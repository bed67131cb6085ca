#pragma once
// The small request and response structs that routing and the handlers see: no Beast types,
// so everything but http_server.cpp compiles without Beast.
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "net/spool_file.h"

namespace cityclear::net {

struct HttpHeader {
  std::string name;  // lowercase
  std::string value;
};

struct HttpRequestHead {
  std::string method;  // "GET", "POST", ...
  std::string path;    // the target without its query
  std::string query;   // after '?', may be empty
  std::vector<HttpHeader> headers;

  // The first header of that (lowercase) name.
  std::optional<std::string> header(std::string_view lowercase_name) const;
};

struct HttpResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  // When set, the answer is this file's bytes, streamed from disk; the file goes when the
  // last owner lets go of it.
  std::shared_ptr<SpoolFile> file;
  std::vector<HttpHeader> extra_headers;  // e.g. Allow, WWW-Authenticate
};

// Splits "/path?query" into its two parts.
void split_target(std::string_view target, std::string& path, std::string& query);

}  // namespace cityclear::net
