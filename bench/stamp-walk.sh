#!/usr/bin/env bash
# Finding and stamping SigmaHQ's Windows rules, the walk and a second look per file against StampedWalk's one look
# (bench/StampWalkBench.java), alternating fresh JVMs with the launcher's C1 alone, so both meet the same load.
# Usage: bash bench/stamp-walk.sh [RULES [ROUNDS]]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"; root="$(cd "$here/.." && pwd)"
rules="${1:-$root/../shared/corpora/sigma/rules/windows}"; rounds="${2:-10}"
"$root/dwell" --version >/dev/null
classes=$(mktemp -d)
trap 'rm -rf "$classes"' EXIT
javac -d "$classes" -cp "$root/dwell-cli/target/lib/*" "$here/StampWalkBench.java"
for ((i = 1; i <= rounds; i++)); do
  for how in two one; do
    echo "$(cut -d' ' -f1 /proc/loadavg) $(java -XX:TieredStopAtLevel=1 -cp "$root/dwell-cli/target/lib/*:$classes" StampWalkBench $how "$rules")"
  done
done
