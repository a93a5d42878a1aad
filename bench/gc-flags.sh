#!/usr/bin/env bash
# Collector flag candidates for a scan, in rotated rounds, with each run's collections (issue 20: the scan's garbage
# collections). Each variant is LABEL=FLAGS: this tree's ./dwell runs the scan with FLAGS added after the launcher's
# own JVM options (a `java` shim first on PATH puts them before -cp, where a later flag overrides the launcher's), so
# "base=" is the launcher as it is. Every round runs each variant once, starting one further along the list each
# round: the run after another reuses the memory it freed, which on this VM costs less to touch than memory freed
# seconds earlier (free page reporting hands that back to the host, which faults it in again), so a fixed order
# favours the second variant. SLEEP=S waits S seconds before each run, so that every run starts on cold memory, as
# a scan run on its own does. Per run: wall, CPU (user + system), system, and from -Xlog:gc the collections, their
# pauses' sum and their CPU (user + system, and user alone: the copying, without the faults); then the means.
# Work: evtx   the issue's scan: the 277 EVTX samples with SigmaHQ's Windows rules, --no-builtin (case file on)
#       iis    a scan of 113 MB of IIS logs with the built-in rules, --no-case (a small scan still): bench/data/iis-113,
#              made on first use from the first 90 logs of bench/data/pivot-1024 (symbolic links), or IIS=DIR
# Rule caches are warmed first. On a loaded machine, `chrt -r 1 bash bench/gc-flags.sh ...` (root) gives the runs
# the cores as on an idle one.
# Usage: [N=5] [SLEEP=0] bench/gc-flags.sh WORK LABEL=FLAGS...   e.g. bench/gc-flags.sh evtx base= mtt15=-XX:MaxTenuringThreshold=15
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
corpora="$(cd "$root/../shared/corpora" && pwd -P)"
work=${1:?WORK: evtx or iis}; shift
[ $# -gt 0 ] || { echo "no variants (LABEL=FLAGS)" >&2; exit 1; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
real_java="$(command -v java)"
mkdir "$out/shim"
cat > "$out/shim/java" <<EOF
#!/usr/bin/env bash
args=()
for a in "\$@"; do [ "\$a" = -cp ] && args+=(\${GC_FLAGS:-}); args+=("\$a"); done
exec "$real_java" "\${args[@]}"
EOF
chmod +x "$out/shim/java"
case $work in
  evtx) cmd=(scan "$corpora/evtx-attack-samples" --rules "$corpora/sigma/rules/windows" --no-builtin --quiet --out "$out/o") ;;
  iis)
    iis=${IIS:-$root/bench/data/iis-113}
    if [ ! -d "$iis" ]; then
      mkdir -p "$iis"
      logs=("$root"/bench/data/pivot-1024/logs/*.log)
      ln -s "${logs[@]:0:90}" "$iis/"
    fi
    cmd=(scan "$(cd "$iis" && pwd)" --no-case --quiet --out "$out/o") ;;
  *) echo "unknown work: $work" >&2; exit 1 ;;
esac
labels=() flags=()
for v in "$@"; do labels+=("${v%%=*}"); flags+=("${v#*=}"); done
"$root/dwell" "${cmd[@]}" >/dev/null 2>&1 || true   # builds, fills the rule cache
echo "$work: ${cmd[*]}"
echo "2 cores, load before: $(cut -d' ' -f1-3 /proc/loadavg)"
k=${#labels[@]}
for r in $(seq "${N:-5}"); do
  for j in $(seq 0 $((k - 1))); do
    i=$(( (j + r) % k ))
    rm -rf "$out/o" "$out/gc.log"
    sleep "${SLEEP:-0}"
    GC_FLAGS="${flags[$i]} -Xlog:gc=info,gc+cpu=info:file=$out/gc.log" PATH="$out/shim:$PATH" \
      /usr/bin/time -f '%e %U %S' -o "$out/t" "$root/dwell" "${cmd[@]}" >/dev/null 2>"$out/err" \
      || { echo "${labels[$i]} failed:" >&2; tail -3 "$out/err" >&2; }
    read -r wall user sys < "$out/t"
    # "Pause ... 44.725ms" lines, and "User=0.04s Sys=0.00s Real=0.05s" lines
    gc=$(awk '/Pause/ && /ms$/ { n++; ms += $NF + 0 }
      /User=/ { for (f = 1; f <= NF; f++) { if ($f ~ /^User=/) u += substr($f, 6) + 0; if ($f ~ /^Sys=/) s += substr($f, 5) + 0 } }
      END { printf "%d %.0f %.2f %.2f", n, ms, u + s, u }' "$out/gc.log")
    echo "${labels[$i]} $wall $user $sys $gc" | tee -a "$out/all" | awk '{ printf "%-12s %5.2f s wall %5.2f s cpu (sys %.2f)  %2d collections, pauses %4d ms, their cpu %.2f s (user %.2f)\n",
      $1, $2, $3 + $4, $4, $5, $6, $7, $8 }'
  done
  echo "round $r, load $(cut -d' ' -f1 /proc/loadavg)"
done
echo "variant       cpu   wall    sys  collections  pauses  gc cpu (user)   flags"
for i in "${!labels[@]}"; do
  awk -v l="${labels[$i]}" -v f="${flags[$i]}" '$1 == l { c += $3 + $4; w += $2; s += $4; g += $5; p += $6; gc += $7; gu += $8; n++ }
    END { printf "%-12s %5.2f  %5.2f  %5.2f  %6.1f    %6.0f ms  %.3f (%.3f)   %s\n", l, c / n, w / n, s / n, g / n, p / n, gc / n, gu / n, f }' "$out/all"
done
