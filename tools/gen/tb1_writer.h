#pragma once
// Streams one TB1 file to disk: header and details are MACed (HMAC-SHA256 with the acquirer's
// file key) as they go; the trailer carries the MAC of every byte before it.
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "common/sha256.h"
#include "gen/file_mac.h"
#include "gen/output_file.h"
#include "gen/tb1_record.h"

namespace cityclear::gen {

class Tb1Writer {
 public:
  Tb1Writer(const std::filesystem::path& path, const FileKey& file_key);
  // Bytes before the trailer line (header, details, or deliberately broken lines).
  void write_body(std::string_view bytes);
  void write_detail(const Tb1Record& record);
  // Ends the MACed part: the 64-hex MAC of everything written so far.
  std::string finish_body_mac();
  // The trailer and, for broken files only, bytes after it; not MACed.
  void write_after_body(std::string_view bytes);
  void close();
  // 64 uppercase hex of the SHA-256 of every byte of the file; after close().
  std::string file_sha256_hex() const { return file_sha256_; }
  uint64_t bytes_written() const { return file_.bytes_written() + pending_.size(); }

 private:
  void flush_pending();
  OutputFile file_;
  FileMac mac_;
  Sha256 whole_file_;
  std::string file_sha256_;
  std::string pending_;
  bool body_finished_ = false;
};

}  // namespace cityclear::gen
