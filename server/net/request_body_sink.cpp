#include "net/request_body_sink.h"

namespace cityclear::net {

RequestBodySink::RequestBodySink(std::shared_ptr<SpoolFile> spool, bool gzip_encoded,
                                 int64_t max_decoded_bytes)
    : spool_(std::move(spool)), max_decoded_bytes_(max_decoded_bytes) {
  if (gzip_encoded) inflater_ = std::make_unique<GzipInflater>(max_decoded_bytes);
}

bool RequestBodySink::fail(BodyProblem problem, std::string detail) {
  problem_ = problem;
  detail_ = std::move(detail);
  return false;
}

bool RequestBodySink::store_decoded(std::string_view bytes) {
  decoded_bytes_ += static_cast<int64_t>(bytes.size());
  if (decoded_bytes_ > max_decoded_bytes_) {
    return fail(BodyProblem::too_large, "the request body is over the limit of " +
                                            std::to_string(max_decoded_bytes_) + " bytes");
  }
  if (spool_ && !spool_->write(bytes)) return fail(BodyProblem::disk_error, spool_->error());
  return true;
}

bool RequestBodySink::write(std::string_view raw_bytes) {
  if (problem_ != BodyProblem::none) return false;
  if (!inflater_) return store_decoded(raw_bytes);
  InflateStatus status = inflater_->inflate(
      raw_bytes, [this](std::string_view bytes) { return store_decoded(bytes); });
  switch (status) {
    case InflateStatus::ok: return true;
    case InflateStatus::too_large:
      return fail(BodyProblem::too_large, "the gzip body inflates to more than the limit of " +
                                              std::to_string(max_decoded_bytes_) + " bytes");
    case InflateStatus::bad_data:
      return fail(BodyProblem::bad_encoding,
                  "the body is declared gzip but is not valid gzip data");
    case InflateStatus::output_failed: return false;  // store_decoded recorded the problem
  }
  return false;
}

bool RequestBodySink::finish() {
  if (problem_ != BodyProblem::none) return false;
  if (inflater_ && inflater_->finish() != InflateStatus::ok) {
    return fail(BodyProblem::bad_encoding, "the gzip body is empty or cut off before its end");
  }
  if (spool_) spool_->close();
  return true;
}

}  // namespace cityclear::net
