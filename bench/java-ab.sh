#!/usr/bin/env bash
# Java 17 with its class-data archive against Java 24+ with an archive of its own and with an AOT cache (issue 20):
# alternating rounds of the issue's scan (evtxexport of the same files first, as bench/scan-triples.sh),
# `dwell --version`, `yara scan` of two signature-base rule files on a rule-cache hit (as bench/startup.sh) and
# `rules check` of SigmaHQ's Windows rules on a hit, each by four launchers in turn: BEFORE's ./dwell and this tree's
# on the java of the PATH (Java 17 here), this tree's with JAVA's bin first on the PATH (java), and so with
# DWELL_CDS=aot (java-aot). /usr/bin/time each: wall, user+sys; the load after each round; the scans' findings compared.
# Usage: BEFORE=DIR [JAVA=/usr/lib/jvm/temurin-25-jdk-amd64] [N=4] bench/java-ab.sh
set -u
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
corpora="$(cd "$root/../shared/corpora" && pwd -P)"
N=${N:-4}; BEFORE=${BEFORE:?BEFORE=DIR: another built tree}; JAVA=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64}
[ -x "$JAVA/bin/java" ] || { echo "no $JAVA/bin/java" >&2; exit 2; }
S=$corpora/evtx-attack-samples; R=$corpora/sigma/rules/windows
Y=(--rules "$corpora/signature-base/yara/gen_webshells.yar" --rules "$corpora/signature-base/yara/thor-webshells.yar")
out=$(mktemp -d); trap 'rm -rf "$out"' EXIT
mkdir "$out/empty"
sides=(before after java java-aot)
# side NAME CMD...: runs CMD with the side's tree, java and rule cache (each side its own, made warm below)
side() {
  local s=$1 d=$root p=$PATH c=1; shift
  [ "$s" = before ] && d=$BEFORE
  case $s in java*) p=$JAVA/bin:$PATH ;; esac
  [ "$s" = java-aot ] && c=aot
  (cd "$d" && PATH=$p DWELL_CDS=$c DWELL_CACHE_DIR="$out/cache-$s" "$@")
}
# t LABEL SIDE ARG...: one timed ./dwell run
t() {
  local label=$1 s=$2; shift 2
  side "$s" /usr/bin/time -f "%e %U %S" -o "$out/t" ./dwell "$@" >/dev/null 2>"$out/err" || { echo "$label $s failed:"; cat "$out/err"; }
  awk -v l="$label" -v s="$s" '{printf "%-8s %-11s %6.2f s wall %6.2f s cpu\n", l, s, $1, $2 + $3}' "$out/t"
}
for s in "${sides[@]}"; do  # builds, trains the archive or cache, fills the rule caches: outside the timings
  side "$s" ./dwell scan "$S" --rules "$R" --no-builtin -o "$out/warm" --quiet >/dev/null 2>&1
  side "$s" ./dwell yara scan "${Y[@]}" "$out/empty" >/dev/null 2>&1
done
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg); JAVA=$JAVA"
for _ in $(seq 1 "$N"); do
  /usr/bin/time -f "%e %U %S" -o "$out/t" bash -c "find '$S' -name '*.evtx' -print0 | xargs -0 -n 1 evtxexport -f xml >/dev/null 2>&1"
  awk '{printf "%-8s %-11s %6.2f s wall %6.2f s cpu\n", "scan", "evtxexport", $1, $2 + $3}' "$out/t"
  for s in "${sides[@]}"; do rm -rf "${out:?}/scan-$s"; t scan "$s" scan "$S" --rules "$R" --no-builtin -o "$out/scan-$s" --quiet; done
  for s in "${sides[@]}"; do t version "$s" --version; done
  for s in "${sides[@]}"; do t yara "$s" yara scan "${Y[@]}" "$out/empty"; done
  for s in "${sides[@]}"; do t rules "$s" rules check "$R"; done
  echo "load $(cut -d' ' -f1 /proc/loadavg)"
done
for s in after java java-aot; do
  cmp -s "$out/scan-before/findings.jsonl" "$out/scan-$s/findings.jsonl" || echo "the findings of $s differ from before's"
done
