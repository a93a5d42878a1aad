#!/usr/bin/env bash
# The fixed costs of issue 20, another tree's ./dwell and this one's run in alternation (the fairest comparison on a
# shared machine): `yara scan` of signature-base's gen_webshells.yar and thor-webshells.yar over an empty folder,
# hitting the compiled-rule cache, beside yara (whole process, then the rule phase's `compile` line of
# -Ddwell.yara.timing), and the scan of the EVTX attack samples with SigmaHQ's Windows rules and its case file.
# Usage: BEFORE=/path/to/other/tree bench/fixed-costs.sh   (YARA_PAIRS=5 SCAN_PAIRS=3 by default)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
corpora="$(cd "$root/../shared/corpora" && pwd -P)"
before="${BEFORE:?BEFORE=DIR: the tree to compare with}"
yr=(-r "$corpora/signature-base/yara/gen_webshells.yar" -r "$corpora/signature-base/yara/thor-webshells.yar")
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
mkdir "$out/empty"
export DWELL_CACHE_DIR="$out/cache"
for t in "$before" "$root"; do   # builds, and fills both trees' cache entries outside the timings
  "$t/dwell" yara scan "${yr[@]}" "$out/empty" >/dev/null 2>&1
  "$t/dwell" rules check "$corpora/sigma/rules/windows" >/dev/null
done
timed() {  # timed LABEL CMD...: one line, wall and CPU (user + system) seconds
  local label=$1; shift
  /usr/bin/time -f '%e %U %S' -o "$out/t" "$@" >/dev/null 2>"$out/err" || { cat "$out/err" >&2; exit 1; }
  awk -v l="$label" '{printf "%-28s %6.2f s wall %6.2f s cpu\n", l, $1, $2 + $3}' "$out/t"
}
echo "2 cores, load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
for i in $(seq "${YARA_PAIRS:-5}"); do
  timed "yara" yara -w -r "${yr[1]}" "${yr[3]}" "$out/empty"
  for side in before after; do
    t="$root"; [ "$side" = before ] && t="$before"
    timed "$side yara scan (cache hit)" "$t/dwell" yara scan "${yr[@]}" "$out/empty"
    DWELL_JAVA_OPTS="-Xmx4g -Ddwell.yara.timing" "$t/dwell" yara scan "${yr[@]}" "$out/empty" 2>&1 >/dev/null \
      | sed -n "s/^timing: compile */$side rule phase (compile line) /p"
  done
done
for i in $(seq "${SCAN_PAIRS:-3}"); do
  for side in before after; do
    t="$root"; [ "$side" = before ] && t="$before"
    rm -rf "$out/scan"
    timed "$side scan, case file" "$t/dwell" scan "$corpora/evtx-attack-samples" --rules "$corpora/sigma/rules/windows" \
      --no-builtin --out "$out/scan"
  done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
