#!/usr/bin/env bash
# A PostgreSQL 15 cluster the project manages in a folder of its own (never a system cluster).
# PostgreSQL refuses to run as root, so the server runs as the `postgres` user.
#   tools/pg.sh start DIR PORT   create (first time) and start the cluster; prints its URL
#   tools/pg.sh stop DIR         stop it
#   tools/pg.sh remove DIR       stop it and delete the folder
#   tools/pg.sh url DIR PORT     print the URL of the `cityclear` database
# The socket lives in DIR/socket; no TCP port is opened (listen_addresses = '').
set -euo pipefail
command=${1:?usage: tools/pg.sh start|stop|remove|url DIR [PORT]}
dir=${2:?cluster folder}
port=${3:-55432}
bin=/usr/lib/postgresql/15/bin
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
url() { echo "postgresql://postgres@/cityclear?host=$dir/socket&port=$port"; }

start() {
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$dir"; fi
  if [ ! -f "$dir/data/PG_VERSION" ]; then
    as_postgres "$bin/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log"
    as_postgres mkdir -p "$dir/socket"
    cat >>"$dir/data/postgresql.conf" <<CONF
listen_addresses = ''
unix_socket_directories = '$dir/socket'
unix_socket_permissions = 0700
port = $port
shared_buffers = 512MB
# Bulk COPY fills the default 16 MB of WAL buffers at once, and the backend then writes and syncs
# the log itself; with room here the WAL writer does it beside the backend (a million-record TB1
# file: the key claim 2.0 s -> 1.6 s).
wal_buffers = 256MB
max_wal_size = 8GB
checkpoint_timeout = 30min
max_connections = 100
# Ingest claims a file's keys in a prepared transaction beside the records (two-phase commit);
# at least one per ingesting connection.
max_prepared_transactions = 100
work_mem = 64MB
maintenance_work_mem = 256MB
${CITYCLEAR_PG_EXTRA:-}
CONF
  fi
  # A cluster made by an older version of this script gains the prepared transactions ingest uses
  # (a restart applies it).
  if ! grep -q '^max_prepared_transactions' "$dir/data/postgresql.conf"; then
    echo "max_prepared_transactions = 100" | as_postgres tee -a "$dir/data/postgresql.conf" >/dev/null
    as_postgres "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
  fi
  if ! as_postgres "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
    as_postgres "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start >/dev/null
  fi
  if ! as_postgres "$bin/psql" -h "$dir/socket" -p "$port" -U postgres -Atc "SELECT 1 FROM pg_database WHERE datname='cityclear'" postgres | grep -q 1; then
    as_postgres "$bin/psql" -h "$dir/socket" -p "$port" -U postgres -qc "CREATE DATABASE cityclear" postgres
  fi
  url
}

case "$command" in
  start) start ;;
  stop) [ -d "$dir/data" ] && as_postgres "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true ;;
  remove) [ -d "$dir/data" ] && as_postgres "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true; rm -rf "$dir" ;;
  url) dir=$(cd "$dir" && pwd); url ;;
  *) echo "usage: tools/pg.sh start|stop|remove|url DIR [PORT]" >&2; exit 2 ;;
esac
