#pragma once
// The day's uploads, read into memory before the timed phase: every file of the generator's
// upload_order (cityclear-gen's expected.json) with its transport, its prepared request, and the
// waves that keep the generator's expectation true under concurrency.
//
// Ordering: the generator's expectation depends on the upload order in two ways only (tools/gen):
//   - a record with reason 03 repeats an accepted record of an EARLIER file (any acquirer's), and
//   - an F04 file reuses the batch id of an EARLIER accepted file.
// Every other outcome is decided by the file alone. So the order is cut into waves: a file that
// holds a 03 record or is expected F04 starts a new wave, and a wave starts only once every file
// of the waves before it is acknowledged. Inside a wave files go out concurrently, in order of
// the upload order, to whichever client is free. A day without such files (--fault-rate all=0,
// no --file-faults F04) is one wave.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "loadtest/endpoint.h"

namespace cityclear::load {

enum class Transport { http, http_gzip, tcp };
const char* transport_name(Transport transport);

struct Upload {
  std::string name;       // TB1_....txt
  std::string body;       // the bytes sent: the file, or its gzip
  std::string http_head;  // the request head (HTTP transports only)
  Transport transport = Transport::http;
  size_t file_bytes = 0;  // before gzip
};

struct Wave {
  size_t begin = 0;  // indices into UploadPlan::uploads, [begin, end)
  size_t end = 0;
};

struct UploadPlan {
  std::vector<Upload> uploads;  // in the generator's upload order
  std::vector<Wave> waves;
};

struct PlanOptions {
  std::string day_dir;
  Endpoint http;
  int gzip_every = 3;  // every k-th file (1-based position in the order) over HTTP gzip; 0 never
  int tcp_every = 5;   // every k-th file over TCP; 0 never (files without a token always)
};

UploadPlan load_upload_plan(const PlanOptions& options);

// A single file prepared the same way (the "large file beside" upload); tokens from day_dir.
Upload load_single_upload(const std::string& path, const std::string& day_dir,
                          const Endpoint& http);

}  // namespace cityclear::load
