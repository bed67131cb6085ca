#include "clearing/settled_day_check.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <stdexcept>
#include <unistd.h>

#include "clearing/file_publisher.h"
#include "clearing/position_balance.h"
#include "clearing/written_file.h"
#include "common/hex.h"
#include "common/sha256.h"

namespace cityclear::clearing {
namespace {

std::runtime_error file_error(std::string_view what, const std::filesystem::path& path) {
  return std::runtime_error(std::string(what) + " " + path.string() + ": " + std::strerror(errno));
}

void write_all(int descriptor, std::string_view bytes, const std::filesystem::path& path) {
  for (size_t done = 0; done < bytes.size();) {
    ssize_t result = ::write(descriptor, bytes.data() + done, bytes.size() - done);
    if (result < 0 && errno == EINTR) continue;
    if (result < 0) throw file_error("cannot write", path);
    done += static_cast<size_t>(result);
  }
}

// Writes a stored file under its temporary name, checks its hash, then publishes it.
void restore_file(StoredSettlement& stored, const SettlementFileInfo& file,
                  const std::filesystem::path& directory) {
  std::filesystem::path partial = temporary_path(directory, file.name);
  int descriptor = ::open(partial.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (descriptor < 0) throw file_error("cannot create", partial);
  Sha256 hasher;
  try {
    stored.stream_file(file.name, [&](std::string_view bytes) {
      hasher.update(bytes);
      write_all(descriptor, bytes, partial);
    });
    if (::fdatasync(descriptor) != 0) throw file_error("cannot fsync", partial);
  } catch (...) {
    ::close(descriptor);
    ::unlink(partial.c_str());
    throw;
  }
  ::close(descriptor);
  if (to_hex(hasher.finish()) != file.sha256_hex) {
    ::unlink(partial.c_str());
    throw SettlementMismatch("the stored bytes of " + file.name +
                             " do not have the stored SHA-256");
  }
  WrittenFile written;
  written.name = file.name;
  written.temporary_path = partial;
  publish_files(directory, {written});
}

}  // namespace

std::string file_sha256_hex(const std::filesystem::path& path) {
  int descriptor = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (descriptor < 0) {
    if (errno == ENOENT) return {};
    throw file_error("cannot open", path);
  }
  Sha256 hasher;
  std::vector<char> buffer(file_chunk_bytes);
  while (true) {
    ssize_t got = ::read(descriptor, buffer.data(), buffer.size());
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) {
      ::close(descriptor);
      throw file_error("cannot read", path);
    }
    if (got == 0) break;
    hasher.update(std::string_view(buffer.data(), static_cast<size_t>(got)));
  }
  ::close(descriptor);
  return to_hex(hasher.finish());
}

std::vector<std::string> check_settled_day(StoredSettlement& stored, const SettlementResult& result,
                                           const std::filesystem::path& directory) {
  std::string problem = position_balance_problem(result.positions);
  if (!problem.empty())
    throw SettlementMismatch("stored positions of " + format_iso_date(result.day) + ": " + problem);
  std::filesystem::create_directories(directory);
  remove_partial_files(directory);
  std::vector<std::string> rewritten, differing;
  for (const SettlementFileInfo& file : result.files) {
    std::string on_disk = file_sha256_hex(directory / file.name);
    if (on_disk.empty()) {
      restore_file(stored, file, directory);
      rewritten.push_back(file.name);
    } else if (on_disk != file.sha256_hex) {
      differing.push_back(file.name);
    }
  }
  if (!differing.empty()) {
    std::string names;
    for (const auto& name : differing) names += (names.empty() ? "" : ", ") + name;
    throw SettlementMismatch("files of settled day " + format_iso_date(result.day) + " in " +
                             directory.string() + " differ from the stored ones: " + names);
  }
  return rewritten;
}

}  // namespace cityclear::clearing
