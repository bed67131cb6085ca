#!/usr/bin/env bash
# Installs every Debian package cityclear needs, only when missing, then builds.
# Usage: tools/setup.sh [build-dir] [extra cmake args...]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
packages=(g++ cmake make pkg-config libboost1.74-dev libboost-system1.74-dev libpqxx-dev libpq-dev
          libspdlog-dev libfmt-dev nlohmann-json3-dev catch2 libssl-dev zlib1g-dev
          postgresql-15 postgresql-client-15 curl bc time jq ccache clang-format)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
build_dir=${1:-$here/build}
shift || true
cmake -S "$here" -B "$build_dir" -DCMAKE_BUILD_TYPE=Release "$@" >/dev/null
cmake --build "$build_dir" -j"$(nproc)"
