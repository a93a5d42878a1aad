# Sourced by benchmark scripts: measure OUT COMMAND... runs the command under GNU time (/usr/bin/time), its stdout
# to OUT, and prints "wall_seconds cpu_seconds peak_rss_kb" (cpu = user + sys).
measure() {
  local out="$1"; shift
  local t
  t=$(mktemp)
  /usr/bin/time -f "%e %U %S %M" -o "$t" "$@" >"$out"
  awk '{ printf "%s %.2f %s\n", $1, $2 + $3, $4 }' "$t"
  rm -f "$t"
}
