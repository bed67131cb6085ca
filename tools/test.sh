#!/usr/bin/env bash
# The test command: installs what is missing, builds, starts a throwaway PostgreSQL, runs ctest,
# removes the cluster. Extra arguments go to ctest (e.g. -R crypto).
#   tools/test.sh [--sanitize] [ctest arguments...]
# --sanitize: the same tests built with AddressSanitizer and UndefinedBehaviorSanitizer, in
# build-asan (CI runs both).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cmake_arguments=()
build_dir=${CITYCLEAR_BUILD_DIR:-$here/build}
if [ "${1:-}" = --sanitize ]; then
  shift
  build_dir=${CITYCLEAR_BUILD_DIR:-$here/build-asan}
  cmake_arguments=(-DCMAKE_BUILD_TYPE=RelWithDebInfo -DCITYCLEAR_SANITIZE=ON)
fi
"$here/tools/setup.sh" "$build_dir" "${cmake_arguments[@]}"
cluster=$(mktemp -d /tmp/cityclear-test-pg.XXXXXX)
port=$(( 56000 + RANDOM % 4000 ))
trap '"$here/tools/pg.sh" remove "$cluster"' EXIT
# A throwaway cluster: durability is not under test, speed is welcome.
export CITYCLEAR_PG_EXTRA=$'fsync = off\nsynchronous_commit = off\nfull_page_writes = off'
export CITYCLEAR_TEST_DATABASE_URL=$("$here/tools/pg.sh" start "$cluster" "$port")
echo "test database: $CITYCLEAR_TEST_DATABASE_URL"
cd "$build_dir"
ctest --output-on-failure -j"$(nproc)" "$@"
