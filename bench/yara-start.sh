#!/usr/bin/env bash
# `dwell yara scan` on a compiled-rule cache hit (signature-base's gen_webshells.yar and thor-webshells.yar over an
# empty folder, as bench/startup.sh runs it) and `dwell --version`, this tree against another one (BEFORE) in
# alternating rounds, beside `yara -w -r` on the same input: on a shared machine wall times say little, so each round
# gives CPU (user + system, /usr/bin/time) and, where perf works, perf stat's task-clock (milliseconds, the mean of
# RUNS runs), and the medians of all rounds end it.
# Usage: BEFORE=/path/to/other/tree bash bench/yara-start.sh [ROUNDS] [RUNS]   (defaults 4 and 5)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
before="${BEFORE:?BEFORE=other dwell tree}"
rounds="${1:-4}" runs="${2:-5}"
yr="$(cd "$root/../shared/corpora/signature-base/yara" && pwd -P)"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
mkdir "$out/empty"
export DWELL_CACHE_DIR="$out/cache"
scan=(yara scan --rules "$yr/gen_webshells.yar" --rules "$yr/thor-webshells.yar" "$out/empty")
for tree in "$before" "$root"; do
  "$tree/dwell" "${scan[@]}" >/dev/null 2>&1   # builds, trains the class-data archive, stores the compiled rules
done
perf_ok=; perf stat -x, -e task-clock true >/dev/null 2>&1 && perf_ok=1

# one NAME CMD...: RUNS runs of CMD; appends "cpu-seconds-per-run task-clock-ms" to $out/NAME
one() {
  local name=$1; shift
  local cpu=0 ms=-
  for _ in $(seq "$runs"); do
    /usr/bin/time -f '%U %S' -o "$out/t" "$@" >/dev/null 2>&1
    cpu=$(awk -v c="$cpu" '{print c + $1 + $2}' "$out/t")
  done
  if [ -n "$perf_ok" ]; then
    ms=$(perf stat -r "$runs" -x, -e task-clock "$@" 2>&1 >/dev/null | awk -F, '/task-clock/ {printf "%.1f", $1}')
  fi
  echo "$(awk -v c="$cpu" -v n="$runs" 'BEGIN {printf "%.3f", c / n}') $ms" >> "$out/$name"
}
echo "2 cores, load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-34s %s\n' "round" "CPU s per run (user+sys) / task-clock ms: yara, hit before, hit this tree, --version before, this"
for r in $(seq "$rounds"); do
  one yara yara -w -r "$yr/gen_webshells.yar" "$yr/thor-webshells.yar" "$out/empty"
  one hit-before "$before/dwell" "${scan[@]}"
  one hit-this "$root/dwell" "${scan[@]}"
  one version-before "$before/dwell" --version
  one version-this "$root/dwell" --version
  printf '%-34s' "$r"
  for n in yara hit-before hit-this version-before version-this; do printf ' %s /%7s' $(tail -1 "$out/$n"); done
  echo
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
median() { sort -n | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
for n in yara hit-before hit-this version-before version-this; do
  printf '%-16s median CPU %.3f s' "$n" "$(cut -d' ' -f1 "$out/$n" | median)"
  [ -z "$perf_ok" ] || printf ', task-clock %.1f ms' "$(cut -d' ' -f2 "$out/$n" | median)"
  echo
done
ratio() { awk -v a="$(cut -d' ' -f"$2" "$out/$1" | median)" -v b="$(cut -d' ' -f"$2" "$out/yara" | median)" 'BEGIN {printf "%.2fx", a / b}'; }
printf 'cache hit / yara, medians: before %s, this tree %s (CPU)' "$(ratio hit-before 1)" "$(ratio hit-this 1)"
[ -z "$perf_ok" ] || printf '; before %s, this tree %s (task-clock)' "$(ratio hit-before 2)" "$(ratio hit-this 2)"
echo
