#!/usr/bin/env bash
# Aho-Corasick automata benchmark (bench/AutomataBench.java): build time and scan speed of the IOC matcher and
# Sigma's prefilter, and YARA rule compilation, through their public entry points, one thread, process CPU time.
# Each part runs in a JVM of its own. Given another checkout of dwell (e.g. main), runs it and this one alternately,
# ROUNDS times each (the machine may be shared: compare runs of one round), with this benchmark's source and inputs;
# the hit counts of both must be equal.
# Usage: bench/automata.sh [OTHER_TREE [ROUNDS (default 3)]]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
corpora="$root/../shared/corpora"
[ -d "$corpora/sigma/rules" ] || { echo "missing corpus: $corpora" >&2; exit 1; }
trees=("$root")
[ $# -ge 1 ] && trees+=("$(cd "$1" && pwd)")
rounds="${2:-3}"
for t in "${trees[@]}"; do "$t/dwell" --version >/dev/null; done   # builds each if needed
for ((i = 1; i <= rounds; i++)); do
  for part in ioc sigma yara; do
    for t in "${trees[@]}"; do
      printf '%-24s round %d, load %s: ' "$t" "$i" "$(cut -d' ' -f1 /proc/loadavg)"
      java -Xmx2g -cp "$t/dwell-cli/target/lib/*" "$root/bench/AutomataBench.java" "$part" "$corpora" "$root/examples"
    done
  done
done
