#include "net/http_message.h"

namespace cityclear::net {

std::optional<std::string> HttpRequestHead::header(std::string_view lowercase_name) const {
  for (const auto& header : headers) {
    if (header.name == lowercase_name) return header.value;
  }
  return std::nullopt;
}

void split_target(std::string_view target, std::string& path, std::string& query) {
  auto question = target.find('?');
  path = std::string(target.substr(0, question));
  query =
      question == std::string_view::npos ? std::string() : std::string(target.substr(question + 1));
}

}  // namespace cityclear::net
