#!/usr/bin/env bash
# Formats the project's C++ with .clang-format (Debian's clang-format 14).
#   tools/format.sh           rewrite every file in place
#   tools/format.sh --check   list unformatted files and fail (CI runs this)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
formatter=$(command -v clang-format-14 || command -v clang-format || true)
if [ -z "$formatter" ]; then
  echo "format.sh: clang-format is not installed (apt-get install clang-format)" >&2
  exit 2
fi
mapfile -t files < <(git ls-files -- 'server/*.cpp' 'server/*.h' 'tests/*.cpp' 'tests/*.h' \
  'tools/*.cpp' 'tools/*.h')
if [ "${1:-}" = --check ]; then
  unformatted=()
  for file in "${files[@]}"; do
    if ! "$formatter" --dry-run --Werror "$file" >/dev/null 2>&1; then unformatted+=("$file"); fi
  done
  if [ "${#unformatted[@]}" -gt 0 ]; then
    echo "format.sh: ${#unformatted[@]} file(s) not formatted (run tools/format.sh):" >&2
    printf '  %s\n' "${unformatted[@]}" >&2
    exit 1
  fi
  echo "format.sh: ${#files[@]} files formatted"
  exit 0
fi
"$formatter" -i "${files[@]}"
