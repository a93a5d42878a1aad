#!/usr/bin/env bash
# Sigma engine benchmark (bench/SigmaBench.java): all SigmaHQ Windows rules over the EVTX attack samples read COPIES times, in one JVM:
# parse-only vs parse+Sigma time (the ratio the engine adds), events/s, and Sigma alone over events in memory.
# Side by side: evtxexport (libevtx, the reference EVTX parser) exporting the same files once.
# Prints: median over 7 alternating rounds of parse-only vs parse+Sigma time (wall and process CPU) on the same events in one JVM, their ratio,
# Sigma's CPU share, and Sigma alone over the events in memory after 40 warm-up passes (C2 settled; 1 thread: wall,
# thread CPU, and per pass the median and quartiles of events per thread-CPU-second, their spread the other
# processes' share of the caches; THREADS threads: wall). To compare two builds, alternate them: bench/sigma-ab.sh.
# Usage: bench/sigma.sh [COPIES] [THREADS]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
copies="${1:-10}"
threads="${2:-$(nproc)}"
corpora="$root/../shared/corpora"
rules="$corpora/sigma/rules/windows"
evtx="$corpora/evtx-attack-samples"
"$root/dwell" --version >/dev/null   # builds if needed; dwell-cli/target/lib then holds dwell-core and its dependencies
echo "== dwell Sigma engine =="
java -Xmx4g -cp "$root/dwell-cli/target/lib/*" "$root/bench/SigmaBench.java" "$rules" "$evtx" "$copies" "$threads"
if command -v evtxexport >/dev/null; then
  echo "== reference: evtxexport (libevtx) parse + XML export of the same files, once =="
  start=$(date +%s.%N)
  n=0
  while IFS= read -r -d '' f; do
    c=$(evtxexport -f xml "$f" 2>/dev/null | grep -c '<Event ' || true)
    n=$((n + c))
  done < <(find "$evtx" -name '*.evtx' -print0)
  end=$(date +%s.%N)
  awk -v n="$n" -v s="$start" -v e="$end" 'BEGIN { printf "evtxexport: %d events in %.2f s = %.0f events/s\n", n, e - s, n / (e - s) }'
fi
