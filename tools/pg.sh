#!/usr/bin/env bash
# A PostgreSQL 15 cluster the project manages in a folder of its own (never a system cluster).
# PostgreSQL refuses to run as root, so the server runs as the `postgres` user.
#   tools/pg.sh start DIR PORT   create (first time) and start the cluster; prints its URL
#   tools/pg.sh stop DIR         stop it
#   tools/pg.sh remove DIR       stop it and delete the folder
#   tools/pg.sh url DIR PORT     print the URL of the `cityclear` database
# The socket lives in DIR/socket; no TCP port is opened (listen_addresses = '').
# When the kernel lets us (root, /proc/sys/vm/nr_hugepages writable), the cluster's shared memory
# gets 2 MB huge pages reserved for it at start and given back at stop (see reserve_huge_pages);
# CITYCLEAR_PG_HUGE_PAGES=off leaves the kernel's huge pages alone.
set -euo pipefail
command=${1:?usage: tools/pg.sh start|stop|remove|url DIR [PORT]}
dir=${2:?cluster folder}
port=${3:-55432}
bin=/usr/lib/postgresql/15/bin
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
url() { echo "postgresql://postgres@/cityclear?host=$dir/socket&port=$port"; }
huge_pages_field() { awk -v field="$1:" '$1 == field { print $2 }' /proc/meminfo; }

# Every new backend maps PostgreSQL's shared memory (shared_buffers and wal_buffers, about 800 MB
# here) page by page: with 4 KB pages a COPY of a million records takes hundreds of thousands of
# page faults, each a costly trap on a virtual machine (perf: 12% of all CPU during a 1,000,000-
# record ingest; with huge pages its keys-and-records phase went from 3.2-3.8 s to 1.6-2.0 s).
# PostgreSQL (huge_pages = try) uses huge pages when the kernel has them free, so we reserve as
# many as the cluster wants and note how many we added, to give exactly those back at stop.
reserve_huge_pages() {
  [ "${CITYCLEAR_PG_HUGE_PAGES:-try}" != off ] && [ -w /proc/sys/vm/nr_hugepages ] || return 0
  local wanted total available
  wanted=$(as_postgres "$bin/postgres" -D "$dir/data" -C shared_memory_size_in_huge_pages 2>/dev/null) || return 0
  total=$(huge_pages_field HugePages_Total)
  available=$(( $(huge_pages_field HugePages_Free) - $(huge_pages_field HugePages_Rsvd) ))
  [ "$available" -lt "$wanted" ] || return 0
  if echo $((total + wanted - available)) >/proc/sys/vm/nr_hugepages 2>/dev/null; then
    echo $(( $(huge_pages_field HugePages_Total) - total )) >"$dir/huge-pages-added"
  fi
}

# After the server stopped: the huge pages added for it go back to the kernel.
release_huge_pages() {
  [ -f "$dir/huge-pages-added" ] || return 0
  local added total
  added=$(cat "$dir/huge-pages-added")
  total=$(huge_pages_field HugePages_Total)
  echo $(( total > added ? total - added : 0 )) >/proc/sys/vm/nr_hugepages 2>/dev/null || true
  rm -f "$dir/huge-pages-added"
}

stop() {
  [ -d "$dir/data" ] || return 0
  as_postgres "$bin/pg_ctl" -D "$dir/data" -m "$1" -w stop >/dev/null 2>&1 || true
  release_huge_pages
}

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
# The default, named: huge pages when the kernel has them (tools/pg.sh reserves them), else 4 KB.
huge_pages = try
${CITYCLEAR_PG_EXTRA:-}
CONF
  fi
  # A cluster made by an older version of this script gains the prepared transactions ingest uses
  # (a restart applies it).
  if ! grep -q '^max_prepared_transactions' "$dir/data/postgresql.conf"; then
    echo "max_prepared_transactions = 100" | as_postgres tee -a "$dir/data/postgresql.conf" >/dev/null
    stop fast
  fi
  if ! as_postgres "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
    release_huge_pages  # left by a server that stopped without us (a reboot, a crash)
    reserve_huge_pages
    as_postgres "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start >/dev/null
  fi
  if ! as_postgres "$bin/psql" -h "$dir/socket" -p "$port" -U postgres -Atc "SELECT 1 FROM pg_database WHERE datname='cityclear'" postgres | grep -q 1; then
    as_postgres "$bin/psql" -h "$dir/socket" -p "$port" -U postgres -qc "CREATE DATABASE cityclear" postgres
  fi
  url
}

case "$command" in
  start) start ;;
  stop) stop fast ;;
  remove) stop immediate; rm -rf "$dir" ;;
  url) dir=$(cd "$dir" && pwd); url ;;
  *) echo "usage: tools/pg.sh start|stop|remove|url DIR [PORT]" >&2; exit 2 ;;
esac
