#!/usr/bin/env bash
# CPU share of an idle process: utime+stime from /proc/<pid>/stat over a window, in % of one core, with the
# busiest threads (/proc/<pid>/task/*/stat). Usage: idle-cpu.sh <pid> [seconds, default 30] [warm-up s, default 10]
set -euo pipefail
pid=$1; window=${2:-30}; warm=${3:-10}
hz=$(getconf CLK_TCK)
ticks() { awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "$1" 2>/dev/null || echo 0; }
sleep "$warm"
declare -A before
for t in /proc/$pid/task/*; do before[$t]=$(ticks "$t/stat"); done
p0=$(ticks /proc/$pid/stat)
sleep "$window"
p1=$(ticks /proc/$pid/stat)
echo "pid $pid: $(( p1 - p0 )) ticks in ${window} s = $(awk -v d=$(( p1 - p0 )) -v w="$window" -v hz="$hz" \
  'BEGIN { printf "%.2f", 100 * d / hz / w }') % of one core"
for t in /proc/$pid/task/*; do
  d=$(( $(ticks "$t/stat") - ${before[$t]:-0} ))
  [ "$d" -gt 0 ] && echo "  $(cat "$t/comm" 2>/dev/null): $d ticks"
done | sort -t: -k2 -n -r | head -12
