#pragma once
// Where the header, the detail lines and the trailer of a TB1 file are, before any detail is
// parsed: the first whole-file checks of batch-file.md (a header, and a trailer as the last line).
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "ingest/tb1_record.h"

namespace cityclear::ingest {

struct FileLayout {
  BatchHeader header;
  BatchTrailer trailer;
  std::string_view details;   // every detail line with its LF, between header and trailer
  size_t trailer_offset = 0;  // the MAC covers bytes [0, trailer_offset)
};

// Locates and parses the header and trailer lines; on failure returns nullopt and sets
// `detail` to one sentence naming the line, field and rule.
std::optional<FileLayout> locate_file_layout(std::string_view bytes, std::string& detail);

// The header alone (for the uploader check before anything is stored); nullopt when unreadable.
std::optional<BatchHeader> peek_header(std::string_view bytes);

}  // namespace cityclear::ingest
