#include "ingest/blacklist_snapshot.h"
#include <pqxx/pqxx>

#include <cstring>

#include "common/bcd.h"
#include "common/local_time.h"
#include "ingest/batch_statements.h"

namespace cityclear::ingest {
namespace {

// "2026-11-21 08:30:00" (PostgreSQL's text form of a timestamp) -> local seconds.
int64_t local_seconds_of_timestamp_text(const std::string& text) {
  std::string digits;
  for (char c : text) {
    if (c >= '0' && c <= '9') digits.push_back(c);
    if (digits.size() == 14) break;
  }
  return parse_local_timestamp(digits).value_or(0);
}

}  // namespace

size_t BlacklistSnapshot::CardIdHash::operator()(const CardId& card) const noexcept {
  uint64_t low = 0;
  uint64_t high = 0;
  std::memcpy(&low, card.data() + 6, 8);
  std::memcpy(&high, card.data(), 6);
  return static_cast<size_t>((low ^ (high * 0x9E3779B97F4A7C15ULL)) * 0xBF58476D1CE4E5B9ULL);
}

BlacklistSnapshot BlacklistSnapshot::load(pqxx::transaction_base& transaction) {
  BlacklistSnapshot snapshot;
  pqxx::result rows = transaction.exec(statements::load_blacklist);
  for (const auto& row : rows) {
    CardId card{};
    auto issuer = bcd_of_number<4>(row[0].as<uint32_t>());
    std::memcpy(card.data(), issuer.data(), 4);
    std::string asn = row[1].as<std::string>();
    if (asn.size() != 20 || !is_decimal(asn)) continue;
    pack_bcd(asn, std::span<uint8_t>(card.data() + 4, 10));
    Listing listing{local_seconds_of_timestamp_text(row[2].as<std::string>()), std::nullopt};
    if (!row[3].is_null())
      listing.removed_local_seconds = local_seconds_of_timestamp_text(row[3].as<std::string>());
    snapshot.add(card, listing);
  }
  return snapshot;
}

void BlacklistSnapshot::add(const CardId& card, Listing listing) {
  listings_[card].push_back(listing);
}

bool BlacklistSnapshot::in_force(const CardId& card, int64_t transaction_local_seconds) const {
  auto found = listings_.find(card);
  if (found == listings_.end()) return false;
  for (const Listing& listing : found->second) {
    bool after_listing = transaction_local_seconds > listing.listed_local_seconds;
    bool before_removal = !listing.removed_local_seconds ||
                          transaction_local_seconds < *listing.removed_local_seconds;
    if (after_listing && before_removal) return true;
  }
  return false;
}

}  // namespace cityclear::ingest
