#include "gen/settlement_files.h"

#include <memory>
#include <stdexcept>

#include "gen/output_file.h"
#include "gen/settlement_lines.h"
#include "gen/tb1_format.h"

namespace cityclear::gen {
namespace {

constexpr size_t settlement_buffer = 64 << 10;  // many CLR files are open at once

std::string code_text(uint32_t code) {
  std::string text(8, '0');
  put_decimal(text.data(), code, 8);
  return text;
}

// Writes the trailer: its fields, the SHA-256 of every byte before it, LF.
void finish_with_trailer(HashedOutputFile& file, const std::string& trailer_fields) {
  std::string digest = file.finish_sha256_hex();
  file.write_unhashed(trailer_fields + digest + "\n");
  file.close();
}

// The day's accepted records, issuer by issuer in code order, each issuer's by ASN then counter:
// so every participant's CLR file receives its details already in (issuer, ASN, counter) order.
void write_clr_details(const Scheme& scheme, ClearingLedger& ledger,
                       std::vector<std::unique_ptr<HashedOutputFile>>& files,
                       std::vector<int64_t>& written) {
  for (size_t issuer = 0; issuer < scheme.participants.size(); ++issuer) {
    uint32_t issuer_code = scheme.participants[issuer].code;
    for (const AcceptedEntry& entry : ledger.sorted_accepted(issuer)) {
      const std::string& batch_id = ledger.batch_id(entry.batch_index);
      size_t acquirer = entry.acquirer_index;
      if (acquirer == issuer) {
        files[issuer]->write(clr_detail('L', issuer_code, entry, 0, batch_id));
        written[issuer] += 1;
        continue;
      }
      uint32_t acquirer_code = scheme.participants[acquirer].code;
      files[issuer]->write(clr_detail('I', acquirer_code, entry, 0, batch_id));
      files[acquirer]->write(
          clr_detail('A', issuer_code, entry, ledger.fee_of(entry.amount, acquirer), batch_id));
      written[issuer] += 1;
      written[acquirer] += 1;
    }
  }
}

void write_clr_files(const std::filesystem::path& folder, const std::string& date,
                     const Scheme& scheme, ClearingLedger& ledger,
                     std::vector<std::string>& names) {
  size_t n = scheme.participants.size();
  std::vector<std::unique_ptr<HashedOutputFile>> files;
  std::vector<int64_t> written(n, 0);
  for (size_t p = 0; p < n; ++p) {
    uint32_t code = scheme.participants[p].code;
    names.push_back("CLR_" + code_text(code) + "_" + date + ".txt");
    files.push_back(std::make_unique<HashedOutputFile>(folder / names.back(), settlement_buffer));
    files.back()->write(clr_header(code, date, ledger.clr_detail_count(p)));
  }
  write_clr_details(scheme, ledger, files, written);
  Positions positions = ledger.positions();
  for (size_t p = 0; p < n; ++p) {
    if (written[p] != ledger.clr_detail_count(p))
      throw std::logic_error("CLR detail count differs from its header");
    for (size_t other = 0; other < n; ++other) {
      const Flow& receivable = ledger.flow(p, other);
      const Flow& payable = ledger.flow(other, p);
      if (other == p || (receivable.count == 0 && payable.count == 0)) continue;
      files[p]->write(clr_summary(scheme.participants[other].code, receivable, payable));
    }
    finish_with_trailer(*files[p], clr_trailer_fields(written[p], positions.participants[p]));
  }
}

void write_rjt_files(const std::filesystem::path& folder, const std::string& date,
                     const Scheme& scheme, const ClearingLedger& ledger,
                     std::vector<std::string>& names) {
  for (size_t p = 0; p < scheme.participants.size(); ++p) {
    uint32_t code = scheme.participants[p].code;
    names.push_back("RJT_" + code_text(code) + "_" + date + ".txt");
    HashedOutputFile file(folder / names.back(), settlement_buffer);
    std::vector<RejectedEntry> entries = ledger.sorted_rejected(p);
    file.write(rjt_header(code, date, static_cast<int64_t>(entries.size())));
    for (const RejectedEntry& entry : entries)
      file.write(rjt_detail(entry, ledger.batch_id(entry.batch_index)));
    finish_with_trailer(file, rjt_trailer_fields(static_cast<int64_t>(entries.size())));
  }
}

// The center first (its fee income in the fees column, net = +fees), then the participants by code.
void write_stl_file(const std::filesystem::path& folder, const std::string& date,
                    const ClearingLedger& ledger, std::vector<std::string>& names) {
  Positions positions = ledger.positions();
  names.push_back("STL_" + date + ".txt");
  HashedOutputFile file(folder / names.back(), settlement_buffer);
  int64_t count = static_cast<int64_t>(positions.participants.size()) + 1;
  file.write(stl_header(date, count));
  file.write(stl_detail(Position{0, 0, 0, positions.center_fees, positions.center_fees}));
  int64_t sum_of_nets = positions.center_fees;
  for (const Position& position : positions.participants) {
    file.write(stl_detail(position));
    sum_of_nets += position.net;
  }
  if (sum_of_nets != 0) throw std::logic_error("the day's nets do not add up to zero");
  finish_with_trailer(file, stl_trailer_fields(count, sum_of_nets));
}

}  // namespace

std::vector<std::string> write_settlement_files(const std::filesystem::path& folder,
                                                const std::string& date, const Scheme& scheme,
                                                ClearingLedger& ledger) {
  std::filesystem::create_directories(folder);
  std::vector<std::string> names;
  write_clr_files(folder, date, scheme, ledger, names);
  write_rjt_files(folder, date, scheme, ledger, names);
  write_stl_file(folder, date, ledger, names);
  return names;
}

}  // namespace cityclear::gen
