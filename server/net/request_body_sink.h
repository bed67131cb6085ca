#pragma once
// Where the bytes of a request body go as they arrive: through the gzip inflater when the
// body is Content-Encoding: gzip, then into a spool file (or nowhere, for a route that takes no
// body), counting against the configured limit of the decoded size.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "net/gzip_inflater.h"
#include "net/spool_file.h"

namespace cityclear::net {

enum class BodyProblem { none, too_large, bad_encoding, disk_error };

class RequestBodySink {
 public:
  // `spool` null: the bytes are counted and dropped.
  RequestBodySink(std::shared_ptr<SpoolFile> spool, bool gzip_encoded, int64_t max_decoded_bytes);

  // False when reading should stop; problem() and detail() say why.
  bool write(std::string_view raw_bytes);
  // After the last byte; false when the encoding was cut off or the file could not be closed.
  bool finish();

  BodyProblem problem() const { return problem_; }
  const std::string& detail() const { return detail_; }
  // The spooled (decoded) body; null when the body was dropped.
  std::shared_ptr<SpoolFile> take_file() { return std::move(spool_); }

 private:
  bool store_decoded(std::string_view bytes);
  bool fail(BodyProblem problem, std::string detail);

  std::shared_ptr<SpoolFile> spool_;
  std::unique_ptr<GzipInflater> inflater_;
  int64_t max_decoded_bytes_;
  int64_t decoded_bytes_ = 0;
  BodyProblem problem_ = BodyProblem::none;
  std::string detail_;
};

}  // namespace cityclear::net
