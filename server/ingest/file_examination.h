#pragma once
// The first pass over an upload: its SHA-256, and every whole-file rule that needs no database
// (F05, F01, F03, F02), each decided in the order of batch-file.md. F04 and the repeat check
// need the database and are decided by the batch store.
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "config/config.h"
#include "crypto/key_provider.h"
#include "ingest/detail_checks.h"
#include "ingest/file_layout.h"

namespace cityclear::ingest {

struct FileRejection {
  std::string code;    // F01, F02, F03, F05
  std::string detail;  // one sentence
};

struct FileExamination {
  std::string sha256_hex;
  std::optional<BatchHeader> header;  // when the header line could be read
  std::optional<FileLayout> layout;   // when header and trailer could be read
  DetailSummary summary;
  bool over_limit = false;                 // F05: decided before the repeat check
  std::optional<FileRejection> rejection;  // the first whole-file rule that fails, F05 included
};

FileExamination examine_file(std::string_view bytes, const IngestSettings& limits,
                             const crypto::KeyProvider& keys,
                             const std::function<void(size_t)>& release_before);

}  // namespace cityclear::ingest
