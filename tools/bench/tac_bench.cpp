// TAC verification throughput on ONE thread: verifications per second of the per-record OpenSSL
// reference path and of bulk verify_tacs on every SIMD path of this CPU, for 3DES and SM4, with
// (a) a distinct card per record and (b) each card seen about 3 times; and the ratio bulk /
// reference measured in the same run.
//
//   cityclear-bench-tac [--records N]   (default 2,000,000 per workload)
//
// Each figure is per second of the thread's CPU time (CLOCK_THREAD_CPUTIME_ID), the best of
// three runs: on a shared machine, wall time would also count the time other processes ran. The
// reference is timed on at most 200,000 records (it is per record, so its rate does not depend on
// the count). Bulk verification goes through FileKeyProvider::verify_tacs in batches of 10,000
// records, as the ingest does with a batch file; the claimed TACs are valid, so every verdict must
// be OK.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fstream>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include "crypto/file_key_provider.h"
#include "crypto/reference_tac.h"
#include "crypto/sm4_bulk.h"
#include "crypto/tdes_bulk.h"

namespace {

using namespace cityclear::crypto;

constexpr size_t kIssuerCount = 20;
constexpr size_t kBatchRecords = 10'000;
constexpr size_t kReferenceRecordLimit = 200'000;
constexpr int kRepetitions = 3;

size_t parse_record_count(int argc, char** argv) {
  size_t records = 2'000'000;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--records") == 0 && i + 1 < argc) {
      records = std::strtoull(argv[++i], nullptr, 10);
    } else {
      std::fprintf(stderr, "usage: %s [--records N]\n", argv[0]);
      std::exit(2);
    }
  }
  return std::max<size_t>(records, 1);
}

std::string cpu_model() {
  std::ifstream cpuinfo("/proc/cpuinfo");
  std::string line;
  while (std::getline(cpuinfo, line)) {
    if (line.rfind("model name", 0) == 0) return line.substr(line.find(':') + 2);
  }
  return "unknown";
}

// Every issuer holds a 3DES key (version 01) and an SM4 key (version 02), random but the same on
// every call (a KeyTable cannot be copied; each provider gets its own).
KeyTable bench_key_table() {
  std::mt19937_64 random(31000001);
  KeyTable table;
  for (size_t issuer = 0; issuer < kIssuerCount; ++issuer) {
    std::array<uint8_t, 16> key;
    for (auto& byte : key) byte = static_cast<uint8_t>(random());
    table.add_master_key(31000001 + static_cast<uint32_t>(issuer), 0x01, Algorithm::triple_des,
                         key);
    for (auto& byte : key) byte = static_cast<uint8_t>(random());
    table.add_master_key(31000001 + static_cast<uint32_t>(issuer), 0x02, Algorithm::sm4, key);
  }
  return table;
}

// `records` requests of one algorithm; each card (factor and issuer) appears `uses_per_card`
// times, in random order.
std::vector<TacRequest> random_requests(std::mt19937_64& random, Algorithm algorithm,
                                        size_t records, size_t uses_per_card) {
  std::vector<TacRequest> requests(records);
  const uint8_t version = algorithm == Algorithm::triple_des ? 0x01 : 0x02;
  for (size_t i = 0; i < records; i += uses_per_card) {
    TacRequest card;
    card.key = {31000001 + static_cast<uint32_t>(random() % kIssuerCount), version,
                static_cast<uint8_t>(algorithm)};
    for (auto& byte : card.factor) byte = static_cast<uint8_t>(random());
    for (size_t use = i; use < std::min(records, i + uses_per_card); ++use) requests[use] = card;
  }
  std::shuffle(requests.begin(), requests.end(), random);
  for (auto& request : requests) {
    for (auto& byte : request.input) byte = static_cast<uint8_t>(random());
  }
  return requests;
}

// Valid claimed TACs, computed with the bulk kernel of the best path in one call (the
// reference would take minutes). The requests are all of one algorithm.
void claim_valid_tacs(const KeyTable& table, Algorithm algorithm,
                      std::vector<TacRequest>& requests) {
  std::vector<const TdesMasterKey*> tdes_masters;
  std::vector<const Sm4MasterKey*> sm4_masters;
  std::vector<DiversificationFactor> factors;
  std::vector<TacInput> inputs;
  for (const auto& request : requests) {
    const MasterKeyEntry* entry = table.find_master_key(request.key);
    tdes_masters.push_back(&entry->tdes);
    sm4_masters.push_back(&entry->sm4);
    factors.push_back(request.factor);
    inputs.push_back(request.input);
  }
  std::vector<uint32_t> tacs(requests.size());
  if (algorithm == Algorithm::triple_des) {
    tdes_bulk_tacs(best_simd_path(), tdes_masters.data(), factors.data(), inputs.data(),
                   tacs.data(), tacs.size());
  } else {
    sm4_bulk_tacs(best_simd_path(), sm4_masters.data(), factors.data(), inputs.data(), tacs.data(),
                  tacs.size());
  }
  for (size_t i = 0; i < requests.size(); ++i) requests[i].claimed_tac = tacs[i];
}

double thread_cpu_seconds() {
  timespec now{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) * 1e-9;
}

// Best rate of kRepetitions runs of `run`, which verifies `records` records and returns how
// many were OK.
double best_rate(size_t records, const std::function<size_t()>& run, bool& all_ok) {
  double best = 0;
  for (int repetition = 0; repetition < kRepetitions; ++repetition) {
    const double start = thread_cpu_seconds();
    const size_t ok = run();
    const double seconds = thread_cpu_seconds() - start;
    all_ok = all_ok && ok == records;
    best = std::max(best, static_cast<double>(records) / seconds);
  }
  return best;
}

// The per-record path: look the key up and recompute the TAC with OpenSSL, record by record.
double reference_rate(const KeyTable& table, const std::vector<TacRequest>& requests,
                      bool& all_ok) {
  const size_t records = std::min(requests.size(), kReferenceRecordLimit);
  return best_rate(
      records,
      [&] {
        size_t ok = 0;
        for (size_t i = 0; i < records; ++i) {
          const MasterKeyEntry* entry = table.find_master_key(requests[i].key);
          ok +=
              reference::compute_tac(entry->algorithm, entry->master_key.data(), requests[i].factor,
                                     requests[i].input) == requests[i].claimed_tac;
        }
        return ok;
      },
      all_ok);
}

double bulk_rate(const FileKeyProvider& provider, const std::vector<TacRequest>& requests,
                 bool& all_ok) {
  std::vector<TacVerdict> verdicts(requests.size());
  return best_rate(
      requests.size(),
      [&] {
        for (size_t start = 0; start < requests.size(); start += kBatchRecords) {
          const size_t count = std::min(kBatchRecords, requests.size() - start);
          provider.verify_tacs(std::span(requests).subspan(start, count),
                               std::span(verdicts).subspan(start, count));
        }
        return static_cast<size_t>(std::count(verdicts.begin(), verdicts.end(), TacVerdict::ok));
      },
      all_ok);
}

}  // namespace

int main(int argc, char** argv) {
  const size_t records = parse_record_count(argc, argv);
  std::printf("cpu: %s\nflags: %s\nchosen path: %s\n", cpu_model().c_str(),
              cpu_flags_summary().c_str(), simd_path_name(best_simd_path()));
  std::printf(
      "one thread; %zu records per workload; %zu issuers; best of %d runs; bulk in batches of "
      "%zu;\n"
      "rates per second of thread CPU time\n\n",
      records, kIssuerCount, kRepetitions, kBatchRecords);
  std::mt19937_64 random(20261121);
  const KeyTable table = bench_key_table();
  std::vector<SimdPath> paths;
  for (SimdPath path : {SimdPath::portable, SimdPath::avx2}) {
    if (simd_path_available(path)) paths.push_back(path);
  }
  std::printf("%-5s %-22s %-22s %14s %10s\n", "alg", "workload", "path", "M verif/s", "x ref");
  bool all_ok = true;
  for (Algorithm algorithm : {Algorithm::triple_des, Algorithm::sm4}) {
    const char* algorithm_name = algorithm == Algorithm::triple_des ? "3DES" : "SM4";
    for (size_t uses_per_card : {1, 3}) {
      const char* workload = uses_per_card == 1 ? "(a) distinct cards" : "(b) each card ~3 times";
      std::vector<TacRequest> requests = random_requests(random, algorithm, records, uses_per_card);
      claim_valid_tacs(table, algorithm, requests);
      const double reference = reference_rate(table, requests, all_ok);
      std::printf("%-5s %-22s %-22s %14.3f %10s\n", algorithm_name, workload, "reference (OpenSSL)",
                  reference / 1e6, "1.0");
      for (SimdPath path : paths) {
        const FileKeyProvider provider(bench_key_table(), {path});
        const double bulk = bulk_rate(provider, requests, all_ok);
        std::printf("%-5s %-22s %-22s %14.3f %10.1f\n", algorithm_name, workload,
                    (std::string("bulk ") + simd_path_name(path)).c_str(), bulk / 1e6,
                    bulk / reference);
      }
    }
  }
  std::printf("\n%s\n", all_ok ? "all verdicts OK" : "ERROR: some verdicts were not OK");
  return all_ok ? 0 : 1;
}
