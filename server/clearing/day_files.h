#pragma once
// The day's files from sorted record streams, without a database: one CLR1 and one RJT1 per
// configured participant and the STL1, written under temporary names in a folder (publish_files()
// renames them) by a disk writer thread (direct_file_writer.h), each full 1 MiB chunk handed to an
// optional sink as it is made. Returns when every file is durable (fsynced). Used by settle and
// reusable by an audit replay, which feeds its own streams and totals.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string_view>
#include <vector>

#include "clearing/clearing_record.h"
#include "clearing/day_totals.h"
#include "clearing/participant_rates.h"
#include "clearing/position.h"
#include "clearing/written_file.h"
#include "common/local_time.h"

namespace cityclear::clearing {

using DayFilesProgress = std::function<void(std::string_view step, int64_t done, int64_t total)>;

struct DayFilesRequest {
  CivilDate day;
  const ParticipantRates* rates = nullptr;
  // The day's totals counted beforehand (SQL GROUP BY, or a first pass with DayTotals::add_record):
  // the file headers carry counts, so they are known before the first detail line.
  DayTotals expected_totals;
  std::filesystem::path directory;  // created when missing
  ChunkSink chunk_sink;       // optional; a sink that uses a chunk after its call keeps chunk.owner
  DayFilesProgress progress;  // optional
};

struct DayFiles {
  std::vector<Position> positions;  // the center first, then every participant by code
  DayTotals streamed_totals;        // equal to expected_totals (else RecordStreamMismatch)
  std::vector<WrittenFile> files;   // by name, under their temporary paths
};

// `accepted_by_card_key`: the accepted records (reason 0) sorted by card key, i.e. issuer, ASN,
// counter; `rejected_by_batch`: the other records sorted by batch id, record sequence. The
// accepted stream is read to its end before the rejected one is first asked.
// Throws UnconfiguredParticipants when the totals name institutions that are not configured,
// RecordStreamMismatch when the streams disagree with the totals, std::runtime_error on I/O.
DayFiles write_day_files(const DayFilesRequest& request, RecordSource& accepted_by_card_key,
                         RecordSource& rejected_by_batch);

}  // namespace cityclear::clearing
