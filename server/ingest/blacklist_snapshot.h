#pragma once
// The blacklist as ingest needs it (reason 13): for each listed card, the local times from the
// publication that first listed it to the publication that took it off (if any).
#include <array>
#include <cstdint>
#include <optional>
#include <unordered_map>
#include <vector>

#include <pqxx/transaction_base>

namespace cityclear::ingest {

class BlacklistSnapshot {
 public:
  struct Listing {
    int64_t listed_local_seconds = 0;
    std::optional<int64_t> removed_local_seconds;
  };
  using CardId = std::array<uint8_t, 14>;  // issuer (4 bytes BCD) | ASN (10 bytes BCD)

  static BlacklistSnapshot load(pqxx::transaction_base& transaction);
  void add(const CardId& card, Listing listing);

  // True when the card was listed by a publication before `transaction_local_seconds` and not
  // taken off before it.
  bool in_force(const CardId& card, int64_t transaction_local_seconds) const;
  bool empty() const { return listings_.empty(); }

 private:
  struct CardIdHash {
    size_t operator()(const CardId& card) const noexcept;
  };
  std::unordered_map<CardId, std::vector<Listing>, CardIdHash> listings_;
};

}  // namespace cityclear::ingest
