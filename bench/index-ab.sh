#!/usr/bin/env bash
# The pivot index's first-pass cost alone (bench/IndexBench.java), another tree's build against this one's in turn:
# the first FILES logs of the 1 GB set read on one thread, fields decoded, with and without a fresh EventIndex fed.
# Usage: bench/index-ab.sh OTHER_TREE [FILES] [PAIRS]      (defaults 60, 2; data in bench/data/pivot-1024)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
other="$(cd "${1:?usage: bench/index-ab.sh OTHER_TREE [FILES] [PAIRS]}" && pwd)"
files="${2:-60}" pairs="${3:-2}"
"$other/dwell" --version >/dev/null; "$root/dwell" --version >/dev/null
classes="$root/bench/data/index-bench-classes"
mkdir -p "$classes"
javac -d "$classes" -cp "$root/dwell-cli/target/lib/*" "$root/bench/IndexBench.java"
for i in $(seq 1 "$pairs"); do
  for t in "$other" "$root"; do
    echo "== $t (load $(cut -d' ' -f1 /proc/loadavg))"
    java -Xmx3g -XX:+UseSerialGC -cp "$classes:$t/dwell-cli/target/lib/*" IndexBench "$root/bench/data/pivot-1024/logs" "$files" 3
  done
done
