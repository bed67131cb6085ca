#pragma once
// The libpq connection under a libpqxx transaction, for what libpqxx 6.4 does not offer
// (binary COPY). Use it only between libpqxx calls, and leave the connection idle afterwards.
#include <libpq-fe.h>
#include <pqxx/connection>
#include <pqxx/dbtransaction>

namespace cityclear::store {

PGconn* raw_connection(pqxx::dbtransaction& transaction);
// The libpq connection of an idle libpqxx connection, for SQL-driven transactions (PREPARE
// TRANSACTION) that libpqxx 6.4 cannot express. Costs one empty transaction.
PGconn* raw_connection(pqxx::connection& connection);

}  // namespace cityclear::store
