#!/usr/bin/env bash
# Where the whole scan of issue 20 spends its CPU, as differences between whole commands a user can run, each timed
# as a separate process (JVM start included), beside evtxexport exporting the same files:
#   dwell --version                         JVM start, picocli, class loading
#   rules check (cache hit)                 + loading and compiling SigmaHQ's Windows rules
#   inventory of the EVTX samples           + reading every item: walking, SHA-256, EVTX decoding
#   scan --no-case                          + Sigma matching, pivot, incidents, findings and summary
#   scan                                    + the DuckDB case file and the HTML report
# Each is run RUNS times (default 2); the table shows the lowest CPU seconds (user + system) and that run's wall time.
# BIN=/path/to/dwell times another build. Usage: bench/scan-breakdown.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
corpora="$(cd "$root/../shared/corpora" && pwd -P)"
rules="$corpora/sigma/rules/windows"
evtx="$corpora/evtx-attack-samples"
bin="${BIN:-$root/dwell}"
runs="${RUNS:-2}"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
export DWELL_CACHE_DIR="$out/cache"
"$bin" --version >/dev/null
"$bin" rules check "$rules" >/dev/null   # fills the rule cache: the rows below hit it, as a repeated scan does
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"

# best NAME CMD...: runs CMD $runs times; keeps "wall cpu" of the run with the least CPU
best() {
  local name=$1; shift
  for k in $(seq "$runs"); do
    rm -rf "$out/o"
    /usr/bin/time -f '%e %U %S' -o "$out/t" "$@" >/dev/null 2>"$out/err" || { cat "$out/err" >&2; exit 1; }
    awk '{printf "%.2f %.2f\n", $1, $2 + $3}' "$out/t" >> "$out/$name.all"
  done
  sort -k2 -n "$out/$name.all" | head -n 1 > "$out/$name"
}
export_all() { find "$evtx" -name '*.evtx' -print0 | xargs -0 -n 1 evtxexport -f xml; }
export -f export_all; export evtx
best evtxexport bash -c export_all
best version "$bin" --version
best rules "$bin" rules check "$rules"
best inventory "$bin" inventory "$evtx" --format json
best nocase "$bin" scan "$evtx" --rules "$rules" --no-builtin --no-case --out "$out/o"
best scan "$bin" scan "$evtx" --rules "$rules" --no-builtin --out "$out/o"

printf '2 cores, load average before: %s, after: %s; lowest CPU of %s runs each\n' "$load_before" \
  "$(cut -d' ' -f1-3 /proc/loadavg)" "$runs"
printf '%-44s %9s %9s %12s\n' "command" "wall s" "cpu s" "cpu added"
prev=0
for r in evtxexport:"evtxexport -f xml, 277 files (reference)" version:"dwell --version" \
         rules:"dwell rules check (rule cache hit)" inventory:"dwell inventory EVTX samples" \
         nocase:"dwell scan --no-case" scan:"dwell scan (case file and report)"; do
  key=${r%%:*}
  read -r w c < "$out/$key"
  if [ "$key" = evtxexport ]; then
    printf '%-44s %9s %9s\n' "${r#*:}" "$w" "$c"
  else
    printf '%-44s %9s %9s %12s\n' "${r#*:}" "$w" "$c" "$(awk -v a="$c" -v b="$prev" 'BEGIN {printf "%+.2f", a - b}')"
    # inventory reads the evidence but loads no rules: its addition is counted from --version
    case $key in version) prev=$c; base=$c ;; rules) prev=$c; rules_cpu=$c ;; inventory) prev=$(awk -v a="$rules_cpu" -v b="$c" -v v="$base" 'BEGIN {print a + b - v}') ;; *) prev=$c ;; esac
  fi
done
echo "(cpu added: over the row above; inventory's over --version, and the scan's over rules check + inventory - --version)"
