#pragma once
// Settling a settled day again changes nothing and checks instead: the stored positions must
// balance and every stored file must be on disk with its stored SHA-256. A missing file is
// written again from the stored bytes (after checking them against the stored hash); a file on
// disk with other bytes is a SettlementMismatch naming it, never overwritten.
#include <filesystem>
#include <string>
#include <vector>

#include "clearing/settlement_service.h"
#include "clearing/stored_settlement.h"

namespace cityclear::clearing {

// Returns the names of the files written again. Throws SettlementMismatch.
std::vector<std::string> check_settled_day(StoredSettlement& stored, const SettlementResult& result,
                                           const std::filesystem::path& directory);

// SHA-256 (uppercase hex) of a file on disk, read 1 MiB at a time; empty when it does not exist.
std::string file_sha256_hex(const std::filesystem::path& path);

}  // namespace cityclear::clearing
