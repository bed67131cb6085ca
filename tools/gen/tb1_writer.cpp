#include "gen/tb1_writer.h"

#include <stdexcept>

#include "common/hex.h"
#include "gen/tb1_format.h"

namespace cityclear::gen {
namespace {

constexpr size_t pending_limit = 256 << 10;

}  // namespace

Tb1Writer::Tb1Writer(const std::filesystem::path& path, const FileKey& file_key)
    : file_(path), mac_(file_key) {
  pending_.reserve(pending_limit + 256);
}

void Tb1Writer::write_body(std::string_view bytes) {
  if (body_finished_) throw std::logic_error("TB1 body written after its MAC");
  pending_.append(bytes);
  if (pending_.size() >= pending_limit) flush_pending();
}

void Tb1Writer::write_detail(const Tb1Record& record) {
  size_t offset = pending_.size();
  pending_.resize(offset + tb1_detail_length + 1);
  put_tb1_detail_line(record, pending_.data() + offset);
  if (pending_.size() >= pending_limit) flush_pending();
}

void Tb1Writer::flush_pending() {
  mac_.update(pending_);
  whole_file_.update(pending_);
  file_.write(pending_);
  pending_.clear();
}

std::string Tb1Writer::finish_body_mac() {
  flush_pending();
  body_finished_ = true;
  return mac_.finish_hex();
}

void Tb1Writer::write_after_body(std::string_view bytes) {
  if (!body_finished_) throw std::logic_error("TB1 trailer written before the body MAC");
  whole_file_.update(bytes);
  file_.write(bytes);
}

void Tb1Writer::close() {
  if (!body_finished_) finish_body_mac();
  file_.close();
  file_sha256_ = to_hex(whole_file_.finish());
}

}  // namespace cityclear::gen
