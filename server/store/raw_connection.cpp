#include "store/raw_connection.h"

#include <pqxx/largeobject>
#include <pqxx/transaction>

namespace cityclear::store {
namespace {

// pqxx::largeobject exposes the PGconn of a transaction to subclasses (a protected static
// member in libpqxx 6.4); this is the one public way to reach it.
class RawConnectionAccess : public pqxx::largeobject {
 public:
  static PGconn* of(pqxx::dbtransaction& transaction) {
    return reinterpret_cast<PGconn*>(largeobject::raw_connection(transaction));
  }
};

}  // namespace

PGconn* raw_connection(pqxx::dbtransaction& transaction) {
  return RawConnectionAccess::of(transaction);
}

PGconn* raw_connection(pqxx::connection& connection) {
  pqxx::work probe(connection);
  PGconn* raw = RawConnectionAccess::of(probe);
  probe.commit();
  return raw;
}

}  // namespace cityclear::store
