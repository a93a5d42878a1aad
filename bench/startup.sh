#!/usr/bin/env bash
# Whole-command times as a user sees them (JVM start, rule loading and compilation included), each dwell command next
# to its reference tool on the same input in one run: `rules check` of SigmaHQ's Windows rules (with the rule cache
# bypassed, missed and hit), the scan of the EVTX attack samples with those rules against evtxexport exporting the same
# files, `evtx dump` against evtxexport, and `yara scan` of two signature-base rule files over an empty folder against
# yara (without the compiled-rule cache, missing it and hitting it); `dwell --version` and the scan of an empty folder
# (the start every command and every scan pays). Then the rule phase alone in a fresh JVM
# (bench/RuleStartBench.java), without and with the cache.
# BEFORE=/path/to/another/dwell/tree adds that tree's ./dwell to each row (say an unpacked `git archive main`).
# Usage: bench/startup.sh   (wall seconds, CPU seconds = user + system)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
corpora="$(cd "$root/../shared/corpora" && pwd -P)"
rules="$corpora/sigma/rules/windows"
evtx="$corpora/evtx-attack-samples"
yr=("$corpora/signature-base/yara/gen_webshells.yar" "$corpora/signature-base/yara/thor-webshells.yar")
before="${BEFORE:-}"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
mkdir "$out/empty"
export DWELL_CACHE_DIR="$out/cache"
"$root/dwell" --version >/dev/null   # builds and trains the class-data archive outside the timings
[ -z "$before" ] || "$before/dwell" --version >/dev/null
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"

# t NAME CMD...: times CMD (output discarded); prints "wall cpu"
t() {
  local name=$1; shift
  /usr/bin/time -f '%e %U %S' -o "$out/$name.time" "$@" >/dev/null 2>"$out/$name.err" || { echo "$name failed:" >&2; cat "$out/$name.err" >&2; exit 1; }
  awk '{printf "%.2f %.2f", $1, $2 + $3}' "$out/$name.time"
}
row() {  # row LABEL REF|- NAME...: wall and CPU of the reference and of each run, and each wall over the reference's
  local label=$1 ref=$2; shift 2
  local refw=0
  printf '%-40s' "$label"
  if [ "$ref" = - ]; then
    printf ' %-31s' "(none)"
  else
    refw=$(awk '{print $1}' "$out/$ref.time")
    awk '{printf " %7.2f s (cpu %6.2f)        ", $1, $2 + $3}' "$out/$ref.time"
  fi
  for n in "$@"; do
    awk -v r="$refw" '{printf " %7.2f s (cpu %6.2f)", $1, $2 + $3; if (r > 0) printf " %5.2fx", $1 / r; else printf "       "}' "$out/$n.time"
  done
  echo
}
evtx_files() { find "$evtx" -name '*.evtx' -print0; }
export_all() { evtx_files | xargs -0 -n 1 evtxexport -f xml; }
export -f export_all evtx_files; export evtx

t evtxexport bash -c export_all >/dev/null
t yara yara -w -r "${yr[@]}" "$out/empty" >/dev/null
for side in ${before:+before} after; do
  bin="$root/dwell"; [ "$side" = before ] && bin="$before/dwell"
  if [ "$side" = before ]; then
    t before-rules "$bin" rules check "$rules" >/dev/null
  else
    t after-rules-nocache "$bin" rules check --no-rule-cache "$rules" >/dev/null
    t after-rules-miss "$bin" rules check "$rules" >/dev/null
    t after-rules-hit "$bin" rules check "$rules" >/dev/null
  fi
  t "$side-version" "$bin" --version >/dev/null
  t "$side-empty" "$bin" scan "$out/empty" --out "$out/$side-empty" >/dev/null
  t "$side-scan" "$bin" scan "$evtx" --rules "$rules" --no-builtin --out "$out/$side-scan" >/dev/null
  t "$side-dump" "$bin" evtx dump "$evtx" --format xml >/dev/null
  if [ "$side" = before ]; then
    t before-yara "$bin" yara scan --rules "${yr[0]}" --rules "${yr[1]}" "$out/empty" >/dev/null
    t before-yara-hit "$bin" yara scan --rules "${yr[0]}" --rules "${yr[1]}" "$out/empty" >/dev/null
  else
    t after-yara-nocache "$bin" yara scan --no-rule-cache --rules "${yr[0]}" --rules "${yr[1]}" "$out/empty" >/dev/null
    t after-yara-miss "$bin" yara scan --rules "${yr[0]}" --rules "${yr[1]}" "$out/empty" >/dev/null
    t after-yara-hit "$bin" yara scan --rules "${yr[0]}" --rules "${yr[1]}" "$out/empty" >/dev/null
  fi
done
if [ -n "$before" ] && ! cmp -s "$out/after-scan/findings.jsonl" "$out/before-scan/findings.jsonl"; then
  echo "the findings of the two trees differ" >&2
  exit 1
fi

printf '2 cores, load average before: %s, after: %s\n' "$load_before" "$(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-40s %-31s' "run" "reference"; [ -n "$before" ] && printf ' %-31s' "dwell before"; printf ' %s\n' "dwell (this tree)"
row "dwell --version (JVM and CLI start)" - ${before:+before-version} after-version
row "scan of an empty folder (case file)" - ${before:+before-empty} after-empty
row "rules check, 2,407 Sigma rules" - ${before:+before-rules} after-rules-nocache after-rules-hit
row "scan EVTX samples / evtxexport" evtxexport ${before:+before-scan} after-scan
row "evtx dump --format xml / evtxexport" evtxexport ${before:+before-dump} after-dump
row "yara scan 2 files, empty dir / yara" yara ${before:+before-yara before-yara-hit} after-yara-nocache after-yara-miss after-yara-hit
echo "(rules check, this tree: --no-rule-cache, then a repeated run (cache hit); the scan row's run hits the cache too)"
echo "(yara scan, this tree: --no-rule-cache, the first run (compiled and stored), a repeated run (cache hit)${before:+; the tree before: the first run, a repeated one})"
echo "== the rule phase alone, a fresh JVM each (C1, as the launcher runs rules check) =="
for mode in off "$out/bench-cache" "$out/bench-cache"; do
  printf '%-10s ' "$([ "$mode" = off ] && echo "no cache" || { [ -d "$out/bench-cache" ] && echo "cache hit" || echo "cache miss"; })"
  java -XX:TieredStopAtLevel=1 -Xmx4g -cp "$root/dwell-cli/target/lib/*" "$root/bench/RuleStartBench.java" "$rules" "$mode"
done
