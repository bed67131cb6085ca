#pragma once
// Files appear in the output folder atomically: written under a temporary name, fsynced, then
// renamed to their final name, and the folder fsynced. A crash leaves either the old state or
// the new, plus temporary files that the next run removes.
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "clearing/written_file.h"

namespace cityclear::clearing {

// "<directory>/.<name>.partial"
std::filesystem::path temporary_path(const std::filesystem::path& directory, std::string_view name);
// Renames every file from its temporary path to directory/name, then fsyncs the directory.
void publish_files(const std::filesystem::path& directory, const std::vector<WrittenFile>& files);
// Removes the temporary files an interrupted run left in `directory`.
void remove_partial_files(const std::filesystem::path& directory);
// Flushes a file or folder to disk; throws std::runtime_error naming it.
void fsync_path(const std::filesystem::path& path);

}  // namespace cityclear::clearing
