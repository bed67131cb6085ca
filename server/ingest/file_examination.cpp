#include "ingest/file_examination.h"

#include <future>

#include <fmt/format.h>

#include "common/hex.h"
#include "common/sha256.h"
#include "config/participants.h"

namespace cityclear::ingest {
namespace {

constexpr size_t hash_chunk_bytes = 4 << 20;

std::span<const uint8_t> as_bytes(std::string_view text) {
  return {reinterpret_cast<const uint8_t*>(text.data()), text.size()};
}

// SHA-256 of the whole file and, when a MAC is given, HMAC of the bytes before the trailer, in one
// pass of a few MiB at a time.
std::string hash_file(std::string_view bytes, crypto::FileMac* mac, size_t mac_end,
                      const std::function<void(size_t)>& release_before) {
  Sha256 hasher;
  for (size_t offset = 0; offset < bytes.size(); offset += hash_chunk_bytes) {
    std::string_view chunk = bytes.substr(offset, hash_chunk_bytes);
    hasher.update(chunk);
    if (mac != nullptr && offset < mac_end)
      mac->update(as_bytes(chunk.substr(0, std::min(chunk.size(), mac_end - offset))));
    if (release_before) release_before(offset);
  }
  return to_hex(hasher.finish());
}

std::optional<FileRejection> check_limits(std::string_view bytes, const IngestSettings& limits,
                                          const std::optional<BatchHeader>& header) {
  if (static_cast<int64_t>(bytes.size()) > limits.max_file_bytes) {
    return FileRejection{"F05", fmt::format("the file is {} bytes, over the limit of {} bytes",
                                            bytes.size(), limits.max_file_bytes)};
  }
  int64_t lines_at_least = static_cast<int64_t>(bytes.size() / (detail_line_length + 1)) - 1;
  if (header && header->record_count > limits.max_records_per_file) {
    return FileRejection{
        "F05", fmt::format("the header announces {} records, over the limit of {} records per file",
                           header->record_count, limits.max_records_per_file)};
  }
  if (lines_at_least > limits.max_records_per_file) {
    return FileRejection{
        "F05",
        fmt::format("the file holds more than {} records, over the limit of {} records per file",
                    lines_at_least, limits.max_records_per_file)};
  }
  return std::nullopt;
}

}  // namespace

FileExamination examine_file(std::string_view bytes, const IngestSettings& limits,
                             const crypto::KeyProvider& keys,
                             const std::function<void(size_t)>& release_before) {
  FileExamination exam;
  exam.header = peek_header(bytes);
  std::string layout_problem;
  exam.layout = locate_file_layout(bytes, layout_problem);
  std::optional<FileRejection> over = check_limits(bytes, limits, exam.header);
  // The detail lines are checked on a second thread while the file is hashed; their verdict is
  // used only in the rules' order below (F01 of a detail comes after F02).
  std::future<std::optional<std::string>> detail_problem;
  if (exam.layout && !over) {
    detail_problem = std::async(std::launch::async, [&exam, &release_before] {
      return check_details(*exam.layout, exam.summary, release_before);
    });
  }
  std::unique_ptr<crypto::FileMac> mac;
  if (exam.layout) mac = keys.begin_file_mac(exam.layout->header.acquirer_code);
  exam.sha256_hex =
      hash_file(bytes, mac.get(), exam.layout ? exam.layout->trailer_offset : 0, release_before);
  std::optional<std::string> problem = detail_problem.valid() ? detail_problem.get() : std::nullopt;
  if (over) {
    exam.over_limit = true;
    exam.rejection = over;
  } else if (!exam.layout) {
    exam.rejection = FileRejection{"F01", layout_problem};
  } else if (!mac) {
    exam.rejection = FileRejection{
        "F03", fmt::format("acquirer {} is unknown: the center holds no file key for it",
                           format_institution_code(exam.layout->header.acquirer_code))};
  } else if (!crypto::constant_time_equal(mac->finish(), exam.layout->trailer.file_mac)) {
    exam.rejection = FileRejection{
        "F02", "the file MAC in the trailer does not verify with the acquirer's file key"};
  } else if (problem) {
    exam.rejection = FileRejection{"F01", *problem};
  }
  return exam;
}

}  // namespace cityclear::ingest
