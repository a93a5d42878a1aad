#!/usr/bin/env bash
# The issue 20 scan's "compiling rules" stage (-Ddwell.scan.timing) on a rule cache hit, another built tree and this
# one alternating in one run, so both meet the same load; each tree's cache is filled by a first, untimed scan. Prints
# per run the stage's wall and CPU (the process's, the reading threads' read-ahead included) and the whole scan's
# wall and CPU (/usr/bin/time, user + system).
# Usage: BEFORE=DIR bash bench/rule-stage-ab.sh [ROUNDS]   (DIR: another built tree, e.g. an unpacked main)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
before="$(cd "${BEFORE:?BEFORE=DIR: another built tree}" && pwd)"; this="$(cd "$here/.." && pwd)"
corpora="$(cd "$this/../shared/corpora" && pwd -P)"
rounds="${1:-5}"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
scan() {  # scan TREE: the issue's scan with TREE's cache, timed
  DWELL_CACHE_DIR="$out/cache-${1##*/}" JAVA_TOOL_OPTIONS=-Ddwell.scan.timing=true /usr/bin/time -f 'TIME %e %U %S' \
    "$1/dwell" scan "$corpora/evtx-attack-samples" --rules "$corpora/sigma/rules/windows" --no-builtin \
    --out "$out/scan-${1##*/}" >/dev/null 2>"$out/err"
  rm -rf "$out/scan-${1##*/}"
}
for tree in "$before" "$this"; do scan "$tree"; done
for ((i = 1; i <= rounds; i++)); do
  for side in before this; do
    tree=$before; [ "$side" = this ] && tree=$this
    load=$(cut -d' ' -f1 /proc/loadavg)
    scan "$tree"
    awk -v side="$side" -v load="$load" '
      /timing: compiling rules/ { stage = sprintf("compiling rules %s s wall, %s s CPU", $4, $7) }
      /^TIME / { whole = sprintf("scan %.2f s wall, %.2f s CPU", $2, $3 + $4) }
      END { printf "%-6s load %5s: %s; %s\n", side, load, stage, whole }' "$out/err"
  done
done
